package io.gatehouse.credential;

import io.gatehouse.access.AccessDecider;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.crypto.SecretBox;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.security.ProtectPolicy;
import io.gatehouse.security.ProtectPolicyService;
import io.gatehouse.user.UserService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of permanent access keys. A user manages its own keys while the account's protect policy
 * allows it ({@code allow_user.manage_accesskey}; reading one's own keys is always allowed); a caller whose
 * policies allow the action (iam:credentials:...) performs it on every key of the account. Each user holds at most {@value #MAX_KEYS_PER_USER}.
 * The secret is generated here, sealed before it is stored, and returned once, by {@link #create}.
 * Every write is one transaction with its operation-log record and a {@link ChangeKind#CREDENTIAL_CHANGED}
 * event, so every node drops the key from its signature cache.
 */
@Service
class AccessKeyService {

    static final String RESOURCE = "credential";
    static final int MAX_KEYS_PER_USER = 2;
    private static final int DESCRIPTION_MAX = 255;

    private final AccessKeyStore store;
    private final SecretBox secrets;
    private final UserService users;
    private final AccessDecider access;
    private final ProtectPolicyService protectPolicy;
    private final OperationLog operations;
    private final ChangeFeed changes;
    private final TransactionTemplate tx;
    private final Clock clock;

    AccessKeyService(AccessKeyStore store, SecretBox secrets, UserService users, AccessDecider access,
            ProtectPolicyService protectPolicy, OperationLog operations, ChangeFeed changes,
            PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.users = users;
        this.access = access;
        this.protectPolicy = protectPolicy;
        this.operations = operations;
        this.changes = changes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** A new key with its secret in clear: the only time the secret is ever returned. */
    record Created(AccessKey key, String secret) {
        @Override
        public String toString() {
            return "Created[" + key + "]";
        }
    }

    Created create(Caller caller, String userId, String description) {
        if (userId == null) {
            throw IamError.REQUIRED_PROPERTY.exception("credential.user_id");
        }
        String cleanDescription = description(description == null ? "" : description);
        requireManage(caller, userId, "iam:credentials:createCredential");
        String accessKey = RandomKeys.accessKey();
        String secret = RandomKeys.secretKey();
        String sealed = secrets.seal(secret.getBytes(StandardCharsets.UTF_8), AccessKey.sealPurpose(accessKey));
        return tx.execute(status -> {
            // The user's row lock serializes its key creations, so two at once cannot pass the limit.
            users.lock(caller, userId);
            if (store.countByUser(userId) >= MAX_KEYS_PER_USER) {
                throw IamError.CONFLICT.exception(RESOURCE, "the user already has the maximum of "
                        + MAX_KEYS_PER_USER + " access keys; delete one first");
            }
            AccessKey key = new AccessKey(accessKey, userId, caller.domainId(), sealed, true, cleanDescription,
                    now(), null);
            store.insert(key);
            operations.success(caller, "iam:credentials:createCredential", RESOURCE, accessKey);
            changes.publish(ChangeKind.CREDENTIAL_CHANGED, accessKey);
            return new Created(key, secret);
        });
    }

    /** The keys of {@code userId}, or of the caller when it names none. */
    List<AccessKey> list(Caller caller, String userId) {
        String target = userId == null ? caller.userId() : userId;
        if (!caller.isSelf(target)) {
            requireGranted(caller, "iam:credentials:listCredentials");
            users.get(caller, target);
        }
        return store.listByUser(caller.domainId(), target);
    }

    AccessKey get(Caller caller, String accessKey) {
        AccessKey key = store.find(caller.domainId(), accessKey).orElseThrow(() -> notFound(accessKey));
        if (!caller.isSelf(key.userId())) {
            requireGranted(caller, "iam:credentials:getCredential");
        }
        return key;
    }

    AccessKey update(Caller caller, String accessKey, String status, String description) {
        if (status == null && description == null) {
            throw new ApiException(IamError.MANDATORY_PARAMETER_MISSING,
                    "Mandatory parameter credential.status or credential.description is not specified.");
        }
        Boolean active = status == null ? null : switch (status) {
            case AccessKey.ACTIVE -> true;
            case AccessKey.INACTIVE -> false;
            default -> throw new ApiException(IamError.INVALID_FIELD,
                    "Invalid input for field 'credential.status': it must be active or inactive.");
        };
        String cleanDescription = description == null ? null : description(description);
        return tx.execute(s -> {
            AccessKey key = store.lock(caller.domainId(), accessKey).orElseThrow(() -> notFound(accessKey));
            requireManage(caller, key.userId(), "iam:credentials:updateCredential");
            AccessKey next = new AccessKey(key.accessKey(), key.userId(), key.domainId(), key.secretSealed(),
                    active == null ? key.active() : active, cleanDescription == null ? key.description() : cleanDescription,
                    key.createTime(), key.lastUseTime());
            store.update(accessKey, next.active(), next.description());
            operations.success(caller, "iam:credentials:updateCredential", RESOURCE, accessKey);
            changes.publish(ChangeKind.CREDENTIAL_CHANGED, accessKey);
            return next;
        });
    }

    void delete(Caller caller, String accessKey) {
        tx.executeWithoutResult(s -> {
            AccessKey key = store.lock(caller.domainId(), accessKey).orElseThrow(() -> notFound(accessKey));
            requireManage(caller, key.userId(), "iam:credentials:deleteCredential");
            store.delete(accessKey);
            operations.success(caller, "iam:credentials:deleteCredential", RESOURCE, accessKey);
            changes.publish(ChangeKind.CREDENTIAL_CHANGED, accessKey);
        });
    }

    /** One's own keys while the protect policy lets users manage them; anyone's when the caller's policies allow. */
    private void requireManage(Caller caller, String ownerId, String action) {
        if (access.allows(caller, action)) {
            return;
        }
        if (!caller.isSelf(ownerId)) {
            throw IamError.POLICY_DENIED.exception(action);
        }
        if (!protectPolicy.allowsSelfService(caller.domainId(), ProtectPolicy.SelfService.ACCESS_KEYS)) {
            throw new ApiException(IamError.POLICY_DENIED, "Policy doesn't allow " + action + " to be performed: "
                    + "the account's protect policy does not let users manage their own access keys; ask an "
                    + "administrator.");
        }
    }

    private void requireGranted(Caller caller, String action) {
        if (!access.allows(caller, action)) {
            throw IamError.POLICY_DENIED.exception(action);
        }
    }

    private static String description(String description) {
        if (description.length() > DESCRIPTION_MAX || description.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(IamError.INVALID_FIELD, "Invalid input for field 'credential.description': "
                    + "at most " + DESCRIPTION_MAX + " characters, without control characters.");
        }
        return description;
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }

    private static ApiException notFound(String accessKey) {
        return IamError.NOT_FOUND.exception(RESOURCE, accessKey);
    }
}
