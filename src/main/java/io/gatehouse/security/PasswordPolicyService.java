package io.gatehouse.security;

import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.crypto.PasswordHasher;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account's password policy: reading and changing it, and vetting every new password against it.
 * The user feature calls {@link #vet} before it hashes a new password, and {@link #recordPassword} in
 * the transaction that stores it. Vetting reads the database and verifies up to
 * {@code number_of_recent_passwords_disallowed} Argon2 hashes, so it runs before any transaction opens.
 */
@Service
public class PasswordPolicyService {

    public static final String RESOURCE = "password_policy";
    /** History kept per user: the most any policy asks for, so raising the number applies at once. */
    static final int HISTORY_KEPT = PasswordPolicy.RECENT_PASSWORDS.max();

    private final PasswordPolicyStore policies;
    private final PasswordHistoryStore history;
    private final CommonPasswords common;
    private final PasswordHasher hasher;
    private final OperationLog operations;
    private final List<PasswordValidityListener> validityListeners;
    private final TransactionTemplate tx;
    private final Clock clock;

    PasswordPolicyService(PasswordPolicyStore policies, PasswordHistoryStore history, CommonPasswords common,
            PasswordHasher hasher, OperationLog operations, List<PasswordValidityListener> validityListeners,
            PlatformTransactionManager transactions, Clock clock) {
        this.policies = policies;
        this.history = history;
        this.common = common;
        this.hasher = hasher;
        this.operations = operations;
        this.validityListeners = validityListeners;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What a password change is: the minimum password age binds only a user changing its own password. */
    public enum Purpose {
        /** An administrator creates a user, or the account is provisioned. */
        CREATE,
        /** An administrator sets a user's password. */
        ADMIN_SET,
        /** A signed-in user changes its own password. */
        SELF_CHANGE,
        /** A user whose password has expired replaces it, without a token. */
        EXPIRED_CHANGE
    }

    // ---- the policy ----------------------------------------------------------------------------

    /** The policy in force in the account. */
    public PasswordPolicy policyOf(String domainId) {
        return policies.find(domainId).orElse(PasswordPolicy.DEFAULT);
    }

    /** The policy of the caller's account; any other account is not found. */
    public PasswordPolicy get(Caller caller, String domainId) {
        caller.requireOwnAccount(domainId);
        return policyOf(domainId);
    }

    /** Changes the fields sent, and only those; a value out of its range changes nothing (400 IAM.0073). */
    public PasswordPolicy update(Caller caller, String domainId, PasswordPolicy.Change change) {
        caller.requireOwnAccount(domainId);
        PasswordPolicy.DEFAULT.with(change); // refuses a bad value before anything is written
        return tx.execute(status -> {
            Instant now = now();
            PasswordPolicy current = policies.lock(domainId, now);
            PasswordPolicy next = current.with(change);
            policies.save(domainId, next, now);
            if (next.passwordValidityPeriod() != current.passwordValidityPeriod()) {
                validityListeners.forEach(l -> l.validityPeriodChanged(domainId, next.passwordValidityPeriod()));
            }
            operations.success(caller, "iam:securitypolicies:updatePasswordPolicy", RESOURCE, domainId);
            return next;
        });
    }

    // ---- new passwords -------------------------------------------------------------------------

    /**
     * Vets a new password against the account's policy, and returns the policy it was vetted under (for
     * the expiry). Refusals: 400 {@code IAM.0007} while the current password is younger than the minimum
     * age; 1118 for a weak or common password; 1108 for the current password or a recent one.
     */
    public PasswordPolicy vet(String domainId, PasswordOwner owner, String password, Purpose purpose) {
        PasswordPolicy policy = policyOf(domainId);
        if (purpose == Purpose.SELF_CHANGE) {
            requireMinimumAge(policy, owner.passwordSetAt());
        }
        PasswordRules.check(policy, password, owner);
        if (common.contains(password)) {
            throw PasswordRules.weak("it is a commonly used password.");
        }
        if (owner.currentPasswordHash() != null && hasher.verify(owner.currentPasswordHash(), password)) {
            throw IamError.PASSWORD_SAME_AS_OLD.exception();
        }
        if (owner.userId() != null && policy.numberOfRecentPasswordsDisallowed() > 1) {
            for (String hash : history.latest(owner.userId(), policy.numberOfRecentPasswordsDisallowed())) {
                if (!hash.equals(owner.currentPasswordHash()) && hasher.verify(hash, password)) {
                    throw new ApiException(IamError.PASSWORD_SAME_AS_OLD, "The new password must differ from the last "
                            + policy.numberOfRecentPasswordsDisallowed() + " passwords.");
                }
            }
        }
        return policy;
    }

    /** Records a password just set, inside the transaction that sets it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordPassword(String userId, String hash, Instant at) {
        history.add(userId, hash, at, HISTORY_KEPT);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void requireMinimumAge(PasswordPolicy policy, Instant setAt) {
        if (policy.minimumPasswordAge() == 0 || setAt == null) {
            return;
        }
        Instant allowedFrom = setAt.plus(Duration.ofMinutes(policy.minimumPasswordAge()));
        if (now().isBefore(allowedFrom)) {
            throw IamError.PASSWORD_TOO_RECENT.exception(policy.minimumPasswordAge(), WireTime.user(allowedFrom));
        }
    }


    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
