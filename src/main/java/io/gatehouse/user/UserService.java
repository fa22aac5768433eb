package io.gatehouse.user;

import io.gatehouse.access.AccessService;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.Ids;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.crypto.PasswordHasher;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.security.PasswordOwner;
import io.gatehouse.security.PasswordPolicy;
import io.gatehouse.security.PasswordPolicyService;
import io.gatehouse.security.PasswordPolicyService.Purpose;
import io.gatehouse.security.ProtectPolicy;
import io.gatehouse.security.ProtectPolicyService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of IAM users: who they are, what their fields may hold, and what changing them does to
 * their tokens. Every write is one transaction that also appends to the operation log. Every new
 * password is vetted by the account's password policy ({@link PasswordPolicyService}), which also
 * keeps its history and gives its expiry. For requests, vetting and hashing happen before the
 * transaction, so no row lock or connection waits on Argon2 (the owner's password, set once at
 * provisioning, is the exception).
 */
@Service
public class UserService {

    public static final String RESOURCE = "user";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final PasswordPolicyService policies;
    private final OperationLog operations;
    private final ChangeFeed changes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final Counter concurrentRetries;
    private final AccessService access;
    private final ProtectPolicyService protectPolicy;

    UserService(UserStore users, PasswordHasher hasher, PasswordPolicyService policies, OperationLog operations,
            ChangeFeed changes, PlatformTransactionManager transactions, Clock clock,
            @Value("${gatehouse.token.lifetime:24h}") Duration tokenLifetime, MeterRegistry meters,
            AccessService access, ProtectPolicyService protectPolicy) {
        this.access = access;
        this.protectPolicy = protectPolicy;
        this.tokenLifetime = tokenLifetime;
        this.concurrentRetries = Counter.builder("gatehouse.user.write.retries")
                .description("User writes run again because another writer changed the row first").register(meters);
        this.users = users;
        this.hasher = hasher;
        this.policies = policies;
        this.operations = operations;
        this.changes = changes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    // ---- reads -------------------------------------------------------------------------------

    public User get(Caller caller, String id) {
        return users.find(caller.domainId(), id).orElseThrow(() -> notFound(id));
    }

    /** Reads the user and holds its row lock until the caller's transaction ends. */
    @org.springframework.transaction.annotation.Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public User lock(Caller caller, String id) {
        return users.lock(caller.domainId(), id).orElseThrow(() -> notFound(id));
    }

    public List<User> list(UserQuery query, int limit) {
        return users.list(query, limit);
    }

    public Optional<User> findByName(String domainId, String name) {
        return users.findByName(domainId, name);
    }

    public Optional<User> findById(String id) {
        return users.findAnyAccount(id);
    }

    /** The account's users among {@code ids}, in id order. */
    public List<User> findAll(String domainId, List<String> ids) {
        return users.findAll(domainId, ids);
    }

    // ---- writes ------------------------------------------------------------------------------

    public User create(Caller caller, UserFields f, int nameMax, boolean domainIdRequired, String operation) {
        if (f.name() == null) {
            throw IamError.MANDATORY_PARAMETER_MISSING.exception();
        }
        if (f.domainId() == null && domainIdRequired) {
            throw new ApiException(IamError.MANDATORY_PARAMETER_MISSING, "Mandatory parameter domain_id is not specified.");
        }
        if (f.domainId() != null && !f.domainId().equals(caller.domainId())) {
            // Another account and no account look alike.
            throw IamError.INVALID_PARAMETER.exception("domain_id");
        }
        Instant now = now();
        User.Builder b = new User.Builder();
        b.id = Ids.newId();
        b.domainId = caller.domainId();
        b.name = UserRules.name(f.name(), nameMax);
        b.enabled = f.enabled() == null || f.enabled();
        b.accessMode = f.accessMode() == null ? AccessMode.DEFAULT : UserRules.accessMode(f.accessMode());
        b.description = UserRules.description(f.description());
        applyContact(b, f);
        applyExternalId(b, f);
        b.pwdStrength = PasswordStrength.NONE;
        if (f.password() != null) {
            PasswordPolicy policy = policies.vet(caller.domainId(), PasswordOwner.newUser(b.name, b.email, b.phone),
                    f.password(), Purpose.CREATE);
            setPassword(b, hasher.hash(f.password()), f.password(), now, policy);
            // An administrator chose this password, so by default its owner must change it at first sign-in.
            b.pwdStatus = f.pwdStatus() == null || f.pwdStatus();
        } else {
            b.pwdStatus = f.pwdStatus() != null && f.pwdStatus();
        }
        b.createTime = now;
        b.updateTime = now;
        b.version = 1;
        User user = b.build();
        return write(() -> {
            checkUnique(user);
            users.insert(user);
            if (user.hasPassword()) {
                policies.recordPassword(user.id(), user.passwordHash(), now);
            }
            operations.success(caller, operation, RESOURCE, user.id());
            return user;
        });
    }

    /** The account owner, created with the account: no forced password change. */
    public User createOwner(Caller system, String domainId, String name, String password) {
        Instant now = now();
        User.Builder b = new User.Builder();
        b.id = Ids.newId();
        b.domainId = domainId;
        b.name = UserRules.name(name, UserRules.KEYSTONE_NAME_MAX);
        b.enabled = true;
        b.domainOwner = true;
        b.accessMode = AccessMode.DEFAULT;
        PasswordPolicy policy = policies.vet(domainId, PasswordOwner.newUser(b.name, null, null), password,
                Purpose.CREATE);
        setPassword(b, hasher.hash(password), password, now, policy);
        b.createTime = now;
        b.updateTime = now;
        b.version = 1;
        User owner = b.build();
        users.insert(owner);
        policies.recordPassword(owner.id(), owner.passwordHash(), now);
        operations.success(system, "iam:users:createUser", RESOURCE, owner.id());
        return owner;
    }

    public User update(Caller caller, String id, UserFields f, int nameMax, String operation) {
        if (f.domainId() != null && !f.domainId().equals(caller.domainId())) {
            throw IamError.INVALID_PARAMETER.exception("domain_id");
        }
        NewPassword newPassword = f.password() == null ? null : prepareNewPassword(caller, id, f, nameMax);
        return write(() -> {
            User current = users.lock(caller.domainId(), id).orElseThrow(() -> notFound(id));
            Instant now = now();
            User.Builder b = current.toBuilder();
            if (f.name() != null) {
                b.name = UserRules.name(f.name(), nameMax);
            }
            if (f.description() != null) {
                b.description = UserRules.description(f.description());
            }
            if (f.accessMode() != null) {
                b.accessMode = UserRules.accessMode(f.accessMode());
                if (current.domainOwner() && b.accessMode != AccessMode.DEFAULT) {
                    throw new ApiException(IamError.INVALID_PARAMETER, "The account owner's access_mode cannot be restricted.");
                }
            }
            applyContact(b, f);
            applyExternalId(b, f);
            boolean revoke = false;
            if (f.enabled() != null) {
                if (current.domainOwner() && !f.enabled()) {
                    throw new ApiException(IamError.INVALID_PARAMETER, "The account owner cannot be disabled.");
                }
                revoke = current.enabled() && !f.enabled();
                b.enabled = f.enabled();
            }
            if (newPassword != null) {
                setPassword(b, newPassword.hash(), f.password(), now, newPassword.policy());
                revoke = true;
            }
            if (f.pwdStatus() != null) {
                b.pwdStatus = f.pwdStatus();
            }
            if (revoke) {
                b.tokensNotBefore = now;
            }
            b.updateTime = now;
            b.version = current.version() + 1;
            User next = b.build();
            checkUnique(next, current);
            saveOrRetry(next);
            if (newPassword != null) {
                policies.recordPassword(id, newPassword.hash(), now);
            }
            operations.success(caller, operation, RESOURCE, id);
            if (revoke) {
                announceRevocation(next);
            }
            if (current.enabled() != next.enabled() || current.accessMode() != next.accessMode()
                    || !current.name().equals(next.name())) {
                // Caches of who a user is (the access keys' signature check) hold these three.
                changes.publish(ChangeKind.USER_CHANGED, id);
            }
            return next;
        });
    }

    /** The user's own change of email and mobile ({@code "0086-123..."}); an empty value clears it. */
    public void updateOwnInfo(Caller caller, String id, String email, String mobile) {
        if (email == null && mobile == null) {
            throw IamError.MANDATORY_PARAMETER_MISSING.exception();
        }
        if (email != null) {
            requireSelfService(caller, ProtectPolicy.SelfService.EMAIL, "iam:users:updateUserInformation",
                    "change their own email address");
        }
        if (mobile != null) {
            requireSelfService(caller, ProtectPolicy.SelfService.MOBILE, "iam:users:updateUserInformation",
                    "change their own mobile number");
        }
        write(() -> {
            User current = users.lock(caller.domainId(), id).orElseThrow(() -> notFound(id));
            User.Builder b = current.toBuilder();
            if (email != null) {
                b.email = UserRules.email(email);
            }
            if (mobile != null) {
                UserRules.Mobile m = UserRules.mobile(mobile);
                b.areacode = m.areacode();
                b.phone = m.phone();
            }
            b.updateTime = now();
            b.version = current.version() + 1;
            User next = b.build();
            checkUnique(next, current);
            saveOrRetry(next);
            operations.success(caller, "iam:users:updateUserInformation", RESOURCE, id);
            return next;
        });
    }

    /** The user's own password change; every token of the user, the caller's included, stops working. */
    public void changeOwnPassword(Caller caller, String id, String original, String password) {
        if (original == null || password == null) {
            throw new ApiException(IamError.MANDATORY_PARAMETER_MISSING,
                    "Mandatory parameters password and original_password are not specified.");
        }
        requireSelfService(caller, ProtectPolicy.SelfService.PASSWORD, "iam:users:updateUserPassword",
                "change their own password");
        User current = users.find(caller.domainId(), id).orElseThrow(() -> notFound(id));
        if (!hasher.verify(current.passwordHash(), original)) {
            throw IamError.INCORRECT_PASSWORD.exception();
        }
        PasswordPolicy policy = policies.vet(caller.domainId(), owner(current), password, Purpose.SELF_CHANGE);
        String hash = hasher.hash(password);
        write(() -> storeOwnPassword(caller, id, hash, password, policy, locked -> true));
    }

    /**
     * Replaces an expired password, for a user who has no token and cannot get one. The caller (the
     * sign-in feature) has verified the original password; the change holds only if that password is
     * still the current one and still expired when the row is locked.
     *
     * @throws ApiException 401 {@code IAM.0001} when the password is not expired (any longer)
     */
    public void changeExpiredPassword(User user, String password, ClientInfo client) {
        if (password == null) {
            throw new ApiException(IamError.MANDATORY_PARAMETER_MISSING, "Mandatory parameter password is not specified.");
        }
        if (!user.passwordExpired(now())) {
            throw IamError.AUTHENTICATION_REQUIRED.exception();
        }
        PasswordPolicy policy = policies.vet(user.domainId(), owner(user), password, Purpose.EXPIRED_CHANGE);
        String hash = hasher.hash(password);
        Caller self = new Caller(user.id(), user.name(), user.domainId(), null, null, null, null, client);
        write(() -> storeOwnPassword(self, user.id(), hash, password, policy,
                locked -> java.util.Objects.equals(locked.passwordHash(), user.passwordHash())
                        && locked.passwordExpired(now())));
    }

    private User storeOwnPassword(Caller caller, String id, String hash, String password, PasswordPolicy policy,
            java.util.function.Predicate<User> stillValid) {
        User locked = users.lock(caller.domainId(), id).orElseThrow(() -> notFound(id));
        if (!stillValid.test(locked)) {
            throw IamError.AUTHENTICATION_REQUIRED.exception();
        }
        Instant now = now();
        User.Builder b = locked.toBuilder();
        setPassword(b, hash, password, now, policy);
        b.pwdStatus = false;
        b.tokensNotBefore = now;
        b.updateTime = now;
        b.version = locked.version() + 1;
        User next = b.build();
        saveOrRetry(next);
        policies.recordPassword(id, hash, now);
        operations.success(caller, "iam:users:updateUserPassword", RESOURCE, id);
        announceRevocation(next);
        return next;
    }

    public void delete(Caller caller, String id) {
        write(() -> {
            User current = users.lock(caller.domainId(), id).orElseThrow(() -> notFound(id));
            if (current.domainOwner()) {
                throw IamError.OWNER_CANNOT_BE_DELETED.exception();
            }
            users.delete(caller.domainId(), id);
            access.revokeUserGrants(id);
            operations.success(caller, "iam:users:deleteUser", RESOURCE, id);
            announceRevocation(current, now());
            return current;
        });
    }

    /**
     * Disables the account's users (the owner excepted) who have not signed in since {@code cutoff}, or
     * never signed in and were created before it, and revokes their tokens as a disable does. Each user is
     * one conditional UPDATE in a transaction of its own, with its operation-log record (actor: the
     * system), so nodes running this at the same time disable each user once. Returns how many it disabled.
     */
    public int disableInactive(String domainId, Instant cutoff, String operation) {
        int disabled = 0;
        for (String id : users.inactiveSince(domainId, cutoff)) {
            Boolean done = tx.execute(status -> {
                Instant now = now();
                if (!users.disableIfInactive(id, cutoff, now)) {
                    return false;
                }
                operations.success(Caller.system(domainId), operation, RESOURCE, id);
                announceRevocation(id, now);
                return true;
            });
            disabled += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return disabled;
    }

    /** A new hash of the password when the stored one was made with older parameters; else null. */
    public String upgradedHash(User user, String password) {
        return hasher.needsRehash(user.passwordHash()) ? hasher.hash(password) : null;
    }

    /** After a successful password sign-in: its time, its project, and an upgraded hash if any. */
    public void recordSignIn(User user, String projectId, String upgradedHash) {
        users.recordSignIn(user.id(), now(), projectId, upgradedHash);
    }

    /** User-wide revocations still in force, for a node that is building its revocation view. */
    public List<UserRevocation> activeRevocations() {
        return users.activeRevocations(now());
    }

    @Scheduled(fixedDelayString = "PT1H")
    void purgeRevocations() {
        users.purgeRevocations(now());
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** The account's protect policy ({@code allow_user}) binds users acting on themselves, not administrators. */
    private void requireSelfService(Caller caller, ProtectPolicy.SelfService what, String action, String doing) {
        if (!protectPolicy.allowsSelfService(caller.domainId(), what)
                && !access.isAdministrator(caller.userId(), caller.domainId())) {
            throw new ApiException(IamError.POLICY_DENIED, "Policy doesn't allow " + action + " to be performed: "
                    + "the account's protect policy does not let users " + doing + "; ask an administrator.");
        }
    }

    /** A new password vetted by the account's policy and hashed, with the policy it was vetted under. */
    private record NewPassword(String hash, PasswordPolicy policy) {
    }

    private NewPassword prepareNewPassword(Caller caller, String id, UserFields f, int nameMax) {
        User current = users.find(caller.domainId(), id).orElseThrow(() -> notFound(id));
        String name = f.name() == null ? current.name() : UserRules.name(f.name(), nameMax);
        String email = f.email() == null ? current.email() : UserRules.email(f.email());
        String phone = f.phone() == null ? current.phone() : f.phone();
        PasswordOwner owner = new PasswordOwner(current.id(), name, email, phone, current.passwordHash(),
                current.pwdCreateTime());
        PasswordPolicy policy = policies.vet(caller.domainId(), owner, f.password(), Purpose.ADMIN_SET);
        return new NewPassword(hasher.hash(f.password()), policy);
    }

    private static PasswordOwner owner(User u) {
        return new PasswordOwner(u.id(), u.name(), u.email(), u.phone(), u.passwordHash(), u.pwdCreateTime());
    }

    private static void setPassword(User.Builder b, String hash, String password, Instant now, PasswordPolicy policy) {
        b.passwordHash = hash;
        b.pwdStrength = PasswordStrength.of(password);
        b.pwdCreateTime = now;
        b.modifyPwdTime = now;
        b.passwordExpiresAt = policy.expiresAt(now);
    }

    private static void applyContact(User.Builder b, UserFields f) {
        if (f.email() != null) {
            b.email = UserRules.email(f.email());
        }
        if (f.areacode() != null || f.phone() != null) {
            UserRules.Mobile m = UserRules.mobile(f.areacode(), f.phone());
            b.areacode = m.areacode();
            b.phone = m.phone();
        }
    }

    private static void applyExternalId(User.Builder b, UserFields f) {
        if (f.xuserType() != null || f.xuserId() != null) {
            UserRules.ExternalId x = UserRules.externalId(f.xuserType(), f.xuserId());
            b.xuserType = x.type();
            b.xuserId = x.id();
        }
    }

    private void checkUnique(User u) {
        checkUnique(u, null);
    }

    /** Checks only the unique values that differ from {@code before} (all of them for a new user). */
    private void checkUnique(User u, User before) {
        if (changed(u.name(), before == null ? null : before.name())
                && users.nameTaken(u.domainId(), u.name(), u.id())) {
            throw IamError.USERNAME_EXISTS.exception();
        }
        if (u.email() != null && changed(UserStore.emailKey(u.email()),
                before == null ? null : UserStore.emailKey(before.email()))
                && users.emailTaken(u.domainId(), u.email(), u.id())) {
            throw IamError.EMAIL_EXISTS.exception();
        }
        if (u.phone() != null && (before == null || changed(u.phone(), before.phone())
                || changed(u.areacode(), before.areacode()))
                && users.phoneTaken(u.domainId(), u.areacode(), u.phone(), u.id())) {
            throw IamError.MOBILE_EXISTS.exception();
        }
        if (u.xuserId() != null && (before == null || changed(u.xuserId(), before.xuserId())
                || changed(u.xuserType(), before.xuserType()))
                && users.xuserTaken(u.domainId(), u.xuserType(), u.xuserId(), u.id())) {
            throw IamError.XUSER_EXISTS.exception();
        }
    }

    private static boolean changed(String now, String before) {
        return !java.util.Objects.equals(now, before);
    }

    private void announceRevocation(User user) {
        announceRevocation(user, user.tokensNotBefore());
    }

    private void announceRevocation(User user, Instant notBefore) {
        announceRevocation(user.id(), notBefore);
    }

    private void announceRevocation(String userId, Instant notBefore) {
        users.recordRevocation(userId, notBefore, notBefore.plus(tokenLifetime));
        changes.publish(ChangeKind.USER_TOKENS_REVOKED, userId + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, notBefore));
    }

    /** Signals that the row changed between reading and writing; the whole transaction runs again. */
    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super(null, null, false, false);
        }
    }

    private void saveOrRetry(User next) {
        if (!users.update(next)) {
            throw new ConcurrentChange();
        }
    }

    /**
     * Runs one write transaction. The row is locked when read, and the write is conditional on the version
     * read, so no update is ever lost; if another writer still got in between, the transaction is rolled
     * back and run again on the fresh row. A unique-key race that slipped past the checks gets its code.
     */
    private <T> T write(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(work);
            } catch (ConcurrentChange e) {
                concurrentRetries.increment();
                if (attempt == MAX_ATTEMPTS) {
                    throw IamError.CONFLICT.exception("user", "it is being changed concurrently; try again");
                }
            }
        }
    }

    private static final int MAX_ATTEMPTS = 20;

    private <T> T writeOnce(java.util.function.Supplier<T> work) {
        try {
            return tx.execute(status -> work.get());
        } catch (DataIntegrityViolationException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("uq_user_name")) {
                throw IamError.USERNAME_EXISTS.exception();
            }
            if (message.contains("uq_user_email")) {
                throw IamError.EMAIL_EXISTS.exception();
            }
            if (message.contains("uq_user_phone")) {
                throw IamError.MOBILE_EXISTS.exception();
            }
            if (message.contains("uq_user_xuser")) {
                throw IamError.XUSER_EXISTS.exception();
            }
            throw e;
        }
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }

    static ApiException notFound(String id) {
        return IamError.NOT_FOUND.exception("user", id);
    }
}
