package io.gatehouse.security;

/**
 * Told, inside the transaction that changes an account's password validity period, to move the
 * expiry of every password of the account to its set time plus the new period (or clear it when the
 * period is 0). The user feature implements it; this seam lets the policy name no user table.
 */
public interface PasswordValidityListener {

    void validityPeriodChanged(String domainId, int days);
}
