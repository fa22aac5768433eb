package io.gatehouse.mfa;

import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.db.ReadsTogether;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores and serves login protection. A method can only be switched on when the user can receive
 * it: a mobile number for sms, an email address for email, a bound virtual MFA device for vmfa.
 * Enforcing it at sign-in belongs to the sign-in flow.
 */
@Service
public class LoginProtectService {

    public static final String RESOURCE = "login_protect";

    private final LoginProtectStore store;
    private final UserService users;
    private final OperationLog operations;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final VirtualMfaStore virtualMfaDevices;

    LoginProtectService(LoginProtectStore store, UserService users, OperationLog operations,
            PlatformTransactionManager transactions, Clock clock, VirtualMfaStore virtualMfaDevices) {
        this.virtualMfaDevices = virtualMfaDevices;
        this.store = store;
        this.users = users;
        this.operations = operations;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public LoginProtect get(Caller caller, String userId) {
        users.get(caller, userId);
        return store.find(caller.domainId(), userId)
                .orElseThrow(() -> IamError.NOT_FOUND.exception("login protect of user", userId));
    }

    /** The user's setting, for the sign-in flow; empty when it never had one. */
    public Optional<LoginProtect> settingOf(String domainId, String userId) {
        return store.find(domainId, userId);
    }

    /** {@link #settingOf(String, String)} read in {@code batch}: the setting, once the batch ran. */
    Supplier<Optional<LoginProtect>> settingOf(String domainId, String userId,
            ReadsTogether.Batch batch) {
        return store.find(domainId, userId, batch)::get;
    }

    public List<LoginProtect> list(Caller caller) {
        return store.list(caller.domainId());
    }

    public LoginProtect set(Caller caller, String userId, Boolean enabled, String method) {
        if (enabled == null) {
            throw IamError.REQUIRED_PROPERTY.exception("login_protect.enabled");
        }
        if (method == null) {
            throw IamError.REQUIRED_PROPERTY.exception("login_protect.verification_method");
        }
        VerificationMethod verification = VerificationMethod.fromWire(method);
        return tx.execute(status -> {
            // The user's row lock serializes concurrent changes of its setting.
            User user = users.lock(caller, userId);
            if (enabled) {
                requireReachable(user, verification);
            }
            LoginProtect setting = new LoginProtect(userId, caller.domainId(), enabled, verification,
                    WireTime.truncate(clock.instant()));
            store.save(setting);
            operations.success(caller, "iam:users:setUserLoginProtect", RESOURCE, userId);
            return setting;
        });
    }

    private void requireReachable(User user, VerificationMethod method) {
        switch (method) {
            case SMS -> {
                if (user.phone() == null) {
                    throw new ApiException(IamError.INVALID_PARAMETER,
                            "Request parameter verification_method is invalid: sms needs a mobile number bound to the user.");
                }
            }
            case EMAIL -> {
                if (user.email() == null) {
                    throw new ApiException(IamError.INVALID_PARAMETER,
                            "Request parameter verification_method is invalid: email needs an email address bound to the user.");
                }
            }
            case VMFA -> {
                // The user's row lock, held by the caller, orders this against a concurrent unbind.
                if (!virtualMfaDevices.hasBoundDevice(user.id())) {
                    throw new ApiException(IamError.INVALID_PARAMETER,
                            "Request parameter verification_method is invalid: vmfa needs a virtual MFA device bound "
                                    + "to the user.");
                }
            }
            default -> throw new IllegalStateException(method.name());
        }
    }
}
