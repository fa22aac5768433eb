package io.gatehouse.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account's protect policy. {@code allow_user} is enforced by the user feature through
 * {@link #allowsSelfService}; operation protection by {@link OperationProtectionService}, which asks
 * {@link #operationProtectionOn}. Both read a per-node cache of policies, which every node drops for an
 * account when its policy changes ({@link ChangeKind#PROTECT_POLICY_CHANGED}).
 */
@Service
public class ProtectPolicyService implements ChangeListener {

    public static final String RESOURCE = "protect_policy";

    // The forms of the user fields (see user.UserRules), repeated here because security does not depend on user.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern MOBILE = Pattern.compile("\\+?[0-9]{1,6}-[0-9]{1,32}");

    private final ProtectPolicyStore store;
    private final OperationLog operations;
    private final ChangeFeed changes;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Policies per account. Dropped on every change; the expiry only bounds a missed event. */
    private final Cache<String, ProtectPolicy> policies = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    ProtectPolicyService(ProtectPolicyStore store, OperationLog operations, ChangeFeed changes,
            PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.operations = operations;
        this.changes = changes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** A change as the request states it; null leaves a value as it is. */
    public record Change(Boolean operationProtection, Boolean manageAccesskey, Boolean manageEmail,
            Boolean manageMobile, Boolean managePassword, String adminCheck, String scene, String mobile,
            String email) {
    }

    /**
     * Whether the account lets its users change this about themselves. Administrators are not bound by
     * it; the caller decides who is one.
     */
    public boolean allowsSelfService(String domainId, ProtectPolicy.SelfService what) {
        return policyOf(domainId).allows(what);
    }

    /** Whether the account's sensitive operations need a fresh second factor; from the cache. */
    public boolean operationProtectionOn(String domainId) {
        return policyOf(domainId).operationProtection();
    }

    public ProtectPolicy get(Caller caller, String domainId) {
        caller.requireOwnAccount(domainId);
        return store.find(domainId).orElse(ProtectPolicy.DEFAULTS);
    }

    public ProtectPolicy update(Caller caller, String domainId, Change c) {
        caller.requireOwnAccount(domainId);
        if (c.operationProtection() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("protect_policy.operation_protection");
        }
        if (c.adminCheck() != null && !c.adminCheck().equals(ProtectPolicy.ON)
                && !c.adminCheck().equals(ProtectPolicy.OFF)) {
            throw invalid("admin_check", "it must be on or off");
        }
        String scene = cleared(c.scene());
        if (scene != null && !scene.equals(ProtectPolicy.SCENE_MOBILE) && !scene.equals(ProtectPolicy.SCENE_EMAIL)) {
            throw invalid("scene", "it must be mobile or email");
        }
        String mobile = cleared(c.mobile());
        if (mobile != null && !MOBILE.matcher(mobile).matches()) {
            throw invalid("mobile", "it must be a country code and a number joined by '-', such as 0086-13800000000");
        }
        String email = cleared(c.email());
        if (email != null && (email.length() > 255 || !EMAIL.matcher(email).matches())) {
            throw invalid("email", "it must be an email address of at most 255 characters");
        }
        return tx.execute(status -> {
            ProtectPolicy current = store.lock(domainId, WireTime.truncate(clock.instant()));
            ProtectPolicy next = new ProtectPolicy(c.operationProtection(),
                    or(c.manageAccesskey(), current.manageAccesskey()), or(c.manageEmail(), current.manageEmail()),
                    or(c.manageMobile(), current.manageMobile()), or(c.managePassword(), current.managePassword()),
                    c.adminCheck() != null ? c.adminCheck() : current.adminCheck(),
                    c.scene() != null ? scene : current.scene(), c.mobile() != null ? mobile : current.mobile(),
                    c.email() != null ? email : current.email(), WireTime.truncate(clock.instant()));
            requireVerifier(next);
            store.update(domainId, next);
            operations.success(caller, "iam:securitypolicies:updateProtectPolicy", RESOURCE, domainId);
            changes.publish(ChangeKind.PROTECT_POLICY_CHANGED, domainId);
            return next;
        });
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        if (kind == ChangeKind.PROTECT_POLICY_CHANGED) {
            policies.invalidate(subject);
        }
    }

    private ProtectPolicy policyOf(String domainId) {
        return policies.get(domainId, id -> store.find(id).orElse(ProtectPolicy.DEFAULTS));
    }

    /** With admin_check on, a designated person verifies: the scene says how, and its contact must be set. */
    private static void requireVerifier(ProtectPolicy p) {
        if (!p.adminCheck().equals(ProtectPolicy.ON)) {
            return;
        }
        if (p.scene() == null) {
            throw invalid("scene", "it is required when admin_check is on");
        }
        if (p.scene().equals(ProtectPolicy.SCENE_MOBILE) && p.mobile() == null) {
            throw invalid("mobile", "it is required when admin_check is on and scene is mobile");
        }
        if (p.scene().equals(ProtectPolicy.SCENE_EMAIL) && p.email() == null) {
            throw invalid("email", "it is required when admin_check is on and scene is email");
        }
    }

    private static boolean or(Boolean given, boolean current) {
        return given != null ? given : current;
    }

    /** An empty string clears a value. */
    private static String cleared(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static ApiException invalid(String member, String reason) {
        return new ApiException(IamError.INVALID_FIELD,
                "Invalid input for field 'protect_policy." + member + "': " + reason + ".");
    }

}
