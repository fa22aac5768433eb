package io.gatehouse.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.audit.SignInEvents;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each account's login policy: the lockout thresholds, the validity period of idle users, and what a
 * user is told after signing in. Policies are cached per account on every node, since every failed
 * sign-in needs one; a change drops the entry everywhere through the change feed.
 */
@Service
public class LoginPolicyService implements ChangeListener {

    public static final String RESOURCE = "login_policy";

    private final LoginPolicyStore store;
    private final OperationLog operations;
    private final SignInEvents signIns;
    private final ChangeFeed changes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Cache<String, LoginPolicy> policies = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    LoginPolicyService(LoginPolicyStore store, OperationLog operations, SignInEvents signIns, ChangeFeed changes,
            PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.operations = operations;
        this.signIns = signIns;
        this.changes = changes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** An account whose idle users are disabled after {@code days} days. */
    public record AccountValidity(String domainId, int days) {
    }

    /** What a user is told after signing in: the account's message, and the sign-in before this one. */
    public record LoginInfo(String customInfo, RecentLogin recentLogin) {
    }

    public record RecentLogin(Instant time, String ip, String result) {
    }

    public LoginPolicy get(Caller caller, String domainId) {
        caller.requireOwnAccount(domainId);
        return policyOf(domainId);
    }

    public LoginPolicy update(Caller caller, String domainId, LoginPolicy.Change change) {
        caller.requireOwnAccount(domainId);
        // Every given value is checked before the transaction opens.
        LoginPolicy.DEFAULTS.with(change);
        return tx.execute(status -> {
            Instant now = WireTime.truncate(clock.instant());
            // The row lock serializes concurrent partial updates, so none is lost.
            LoginPolicy next = store.lock(domainId, now).with(change);
            store.update(domainId, next, now);
            operations.success(caller, "iam:securitypolicies:updateLoginPolicy", RESOURCE, domainId);
            changes.publish(ChangeKind.LOGIN_POLICY_CHANGED, domainId);
            return next;
        });
    }

    /** The account's policy, from this node's cache. */
    public LoginPolicy policyOf(String domainId) {
        return policies.get(domainId, id -> store.find(id).orElse(LoginPolicy.DEFAULTS));
    }

    /** Accounts that disable idle users, for the job that does it. */
    public List<AccountValidity> accountsWithValidityPeriod() {
        return store.withAccountValidity();
    }

    /**
     * What the policy says to tell the user who has just signed in, if anything. {@code requestId} is the
     * request of this sign-in, whose own event is not "recent".
     */
    public Optional<LoginInfo> loginInfo(String domainId, String userId, String requestId) {
        LoginPolicy policy = policyOf(domainId);
        String custom = policy.customInfoForLogin().isEmpty() ? null : policy.customInfoForLogin();
        RecentLogin recent = !policy.showRecentLoginInfo() ? null : signIns.previous(userId, requestId)
                .map(p -> new RecentLogin(p.at(), p.ip(), p.result())).orElse(null);
        return custom == null && recent == null ? Optional.empty() : Optional.of(new LoginInfo(custom, recent));
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        if (kind == ChangeKind.LOGIN_POLICY_CHANGED) {
            policies.invalidate(subject);
        }
    }

}
