package io.gatehouse.user;

import io.gatehouse.security.PasswordValidityListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * When an account's password validity period changes, every password of the account expires by the
 * new period, counted from when it was set: switching the period on applies to existing passwords
 * too, and switching it off clears their expiry.
 */
@Component
class PasswordExpiryUpdater implements PasswordValidityListener {

    private final UserStore users;

    PasswordExpiryUpdater(UserStore users) {
        this.users = users;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void validityPeriodChanged(String domainId, int days) {
        users.resetPasswordExpiry(domainId, days);
    }
}
