package io.gatehouse.auth;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.security.LoginPolicyService;
import io.gatehouse.user.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The login policy's {@code account_validity_period}: users who have not signed in for that many days
 * are disabled, and their tokens revoked. Every node runs it; {@link UserService#disableInactive}
 * disables each user with one conditional UPDATE, so overlapping runs disable a user once.
 */
@Component
class AccountValidityJob {

    static final String OPERATION = "gatehouse:users:disableInactiveUser";
    private static final Logger log = LoggerFactory.getLogger(AccountValidityJob.class);

    private final LoginPolicyService policies;
    private final UserService users;
    private final Clock clock;

    AccountValidityJob(LoginPolicyService policies, UserService users, Clock clock) {
        this.policies = policies;
        this.users = users;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M",
            fixedDelayString = "${gatehouse.login-policy.validity-check-interval:1h}")
    void run() {
        Instant now = WireTime.truncate(clock.instant());
        for (LoginPolicyService.AccountValidity account : policies.accountsWithValidityPeriod()) {
            try {
                int disabled = users.disableInactive(account.domainId(), now.minus(Duration.ofDays(account.days())),
                        OPERATION);
                if (disabled > 0) {
                    log.info("Disabled {} users of account {} after {} days without a sign-in", disabled,
                            account.domainId(), account.days());
                }
            } catch (RuntimeException e) {
                // One account's failure must not keep the others from being checked.
                log.error("Could not disable the inactive users of account {}", account.domainId(), e);
            }
        }
    }
}
