package io.gatehouse.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.util.concurrent.RateLimiter;
import io.gatehouse.account.Account;
import io.gatehouse.account.AccountService;
import io.gatehouse.account.Project;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import io.gatehouse.common.crypto.SecretBox;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * This node's view of what the signature check needs: permanent access keys with their secrets
 * decrypted, the state of their owners (enabled, access mode, name, account), and which projects are
 * enabled. The check reads only these caches. A key or user is read from the database once per node
 * when first seen, and again after a change: every node drops a key on {@link ChangeKind#CREDENTIAL_CHANGED}
 * and a user on {@link ChangeKind#USER_CHANGED} or {@link ChangeKind#USER_TOKENS_REVOKED} (disable,
 * delete, password change). The expiries only bound a missed event.
 * <p>
 * An access key nobody has is remembered as unknown for a minute; loads of keys not yet cached are
 * limited to {@value #LOADS_PER_SECOND} a second per node, so a flood of invented keys cannot turn into a
 * flood of queries (beyond the limit they are refused as unknown without a query).
 */
@Component
class AccessKeyDirectory implements ChangeListener {

    static final int LOADS_PER_SECOND = 1000;

    /** A permanent key as the check needs it: whose, whether active, and the secret as an HMAC key. */
    record Key(String accessKey, String userId, boolean active, SecretKeySpec secret) {
        @Override
        public String toString() {
            return "Key[" + accessKey + "]";
        }
    }

    /** A key's owner as the check needs it. */
    record Owner(String userId, String name, String domainId, String domainName, boolean enabled,
            boolean apiAccess) {
    }

    private final AccessKeyStore store;
    private final SecretBox secrets;
    private final UserService users;
    private final AccountService accounts;
    private final Cache<String, Key> keys = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final Cache<String, Boolean> unknownKeys = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    private final Cache<String, Optional<Owner>> owners = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    /** Nothing announces project changes yet; a minute bounds how long a disabled project still scopes. */
    private final Cache<String, Boolean> enabledProjects = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    @SuppressWarnings("UnstableApiUsage")
    private final RateLimiter loads = RateLimiter.create(LOADS_PER_SECOND);

    AccessKeyDirectory(AccessKeyStore store, SecretBox secrets, UserService users, AccountService accounts) {
        this.store = store;
        this.secrets = secrets;
        this.users = users;
        this.accounts = accounts;
    }

    Optional<Key> key(String accessKey) {
        Key cached = keys.getIfPresent(accessKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknownKeys.getIfPresent(accessKey) != null || !loads.tryAcquire()) {
            return Optional.empty();
        }
        // Loading inside the cache's computation: an invalidation that arrives meanwhile waits for it and
        // then removes what it loaded, so a key changed during the load is never kept stale.
        Key loaded = keys.get(accessKey, ak -> store.findAnyAccount(ak).map(this::open).orElse(null));
        if (loaded == null) {
            unknownKeys.put(accessKey, Boolean.TRUE);
        }
        return Optional.ofNullable(loaded);
    }

    /** The user, or empty when it no longer exists. */
    Optional<Owner> owner(String userId) {
        return owners.get(userId, id -> users.findById(id).map(this::owner));
    }

    boolean projectEnabled(String domainId, String projectId) {
        return enabledProjects.get(domainId + ":" + projectId,
                k -> accounts.findProject(domainId, projectId).map(Project::enabled).orElse(false));
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        switch (kind) {
            case CREDENTIAL_CHANGED -> {
                keys.invalidate(subject);
                unknownKeys.invalidate(subject);
            }
            case USER_CHANGED -> owners.invalidate(subject);
            case USER_TOKENS_REVOKED -> owners.invalidate(subject.substring(0, Math.max(0, subject.lastIndexOf(':'))));
            default -> {
            }
        }
    }

    private Key open(AccessKey k) {
        byte[] secret = secrets.open(k.secretSealed(), AccessKey.sealPurpose(k.accessKey()));
        return new Key(k.accessKey(), k.userId(), k.active(), new SecretKeySpec(secret, "HmacSHA256"));
    }

    private Owner owner(User u) {
        String domainName = accounts.find(u.domainId()).map(Account::name).orElse(null);
        return new Owner(u.id(), u.name(), u.domainId(), domainName, u.enabled(), u.accessMode().allowsApi());
    }
}
