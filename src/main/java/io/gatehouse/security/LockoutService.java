package io.gatehouse.security;

import io.gatehouse.audit.OperationLog;
import io.gatehouse.audit.SignInEvents;
import io.gatehouse.common.db.ReadsTogether;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Locks a user out after too many failed sign-ins, as the account's login policy says: after
 * {@code login_failed_times} failures within {@code period_with_login_failures} minutes, for
 * {@code lockout_duration} minutes. The counting is one atomic UPDATE per failure in the database, so
 * it holds under concurrent attempts on any number of nodes. Locking and unlocking are written to the
 * operation log and as sign-in events ({@code locked}, {@code unlocked}).
 */
@Service
public class LockoutService {

    public static final String RESOURCE = "user";
    public static final String CAUSE_LOCKED = "locked";
    public static final String CAUSE_UNLOCKED = "unlocked";

    /** What a failed sign-in did to the user's lockout. */
    public enum Failure {
        /** Counted; the user is not locked. */
        COUNTED,
        /** Counted, and it reached the threshold: the user is locked from now on. */
        LOCKED,
        /** The user was already locked: nothing counted. */
        ALREADY_LOCKED
    }

    private final LockoutStore store;
    private final LoginPolicyService policies;
    private final OperationLog operations;
    private final SignInEvents signIns;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Counter lockouts;

    LockoutService(LockoutStore store, LoginPolicyService policies, OperationLog operations, SignInEvents signIns,
            PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.policies = policies;
        this.operations = operations;
        this.signIns = signIns;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.lockouts = Counter.builder("gatehouse.signin.lockouts")
                .description("Users locked out after too many failed sign-ins").register(meters);
    }

    public boolean isLocked(String userId) {
        return store.lockedUntil(userId, now()).isPresent();
    }

    /**
     * What a sign-in needs to know of the user's lockout, in one read: whether it is locked now, and whether
     * a success would have anything to forgive (so that most successes write nothing here).
     */
    public SignInState signInState(String userId) {
        return signInState(store.find(userId));
    }

    /** {@link #signInState(String)} read in {@code batch}: the state, once the batch ran. */
    public Supplier<SignInState> signInState(String userId, ReadsTogether.Batch batch) {
        ReadsTogether.Pending<Optional<LockoutStore.Row>> row = store.find(userId, batch);
        return () -> signInState(row.get());
    }

    private SignInState signInState(Optional<LockoutStore.Row> row) {
        Instant now = now();
        return row.map(r -> new SignInState(r.lockedUntil() != null && r.lockedUntil().isAfter(now),
                        r.failures() > 0 || r.lockedUntil() != null))
                .orElse(SignInState.CLEAN);
    }

    /** A user's lockout as a sign-in sees it before the password is checked. */
    public record SignInState(boolean locked, boolean somethingToForgive) {
        static final SignInState CLEAN = new SignInState(false, false);
    }

    /**
     * Counts a failed sign-in of a known user, in a transaction of its own. The failure that reaches the
     * threshold locks the user, and the lock is recorded with it.
     */
    public Failure recordFailure(String domainId, String userId, String userName, String channel, ClientInfo client) {
        LoginPolicy policy = policies.policyOf(domainId);
        Instant now = now();
        try {
            return tx.execute(status -> {
                store.ensureRow(userId, domainId);
                if (!store.countFailure(userId, now, now.minus(policy.failureWindow()), policy.loginFailedTimes(),
                        now.plus(policy.lockout()))) {
                    return Failure.ALREADY_LOCKED;
                }
                // Still under this transaction's row lock: the state this failure left.
                LockoutStore.Row row = store.find(userId).orElseThrow();
                if (row.lockedUntil() == null) {
                    return Failure.COUNTED;
                }
                // Only one failure can make the transition, since a locked row is no longer counted.
                operations.success(system(domainId, client), "gatehouse:users:lock", RESOURCE, userId);
                signIns.record(new SignInEvents.Attempt(domainId, userId, userName, channel, "password", false,
                        CAUSE_LOCKED, client));
                lockouts.increment();
                return Failure.LOCKED;
            });
        } catch (DataIntegrityViolationException userDeleted) {
            // The user was deleted since it was looked up: there is no one left to lock.
            return Failure.COUNTED;
        }
    }

    /** After a successful sign-in, in its transaction when there is one: the failures so far are forgiven. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordSuccess(String userId) {
        store.resetUnlessLocked(userId, now());
    }

    /** The user's state now; the caller has checked that the user is in its account. */
    public Lockout status(String domainId, String userId) {
        Instant now = now();
        LoginPolicy policy = policies.policyOf(domainId);
        return store.find(userId).map(row -> effective(userId, row, policy, now))
                .orElse(new Lockout(userId, 0, null, null));
    }

    /**
     * An administrator's unlock: the lock and the failures counted are cleared. The caller has checked
     * that the user is in its account. Returns whether the user was locked.
     */
    public boolean unlock(Caller caller, String userId, String userName) {
        return tx.execute(status -> {
            Instant now = now();
            boolean wasLocked = store.lock(userId).map(r -> r.lockedUntil() != null && r.lockedUntil().isAfter(now))
                    .orElse(false);
            store.clear(userId);
            operations.success(caller, "gatehouse:users:unlock", RESOURCE, userId);
            if (wasLocked) {
                signIns.record(new SignInEvents.Attempt(caller.domainId(), userId, userName, "api", "unlock", true,
                        CAUSE_UNLOCKED, caller.client()));
            }
            return wasLocked;
        });
    }

    private static Lockout effective(String userId, LockoutStore.Row row, LoginPolicy policy, Instant now) {
        if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            return new Lockout(userId, row.failures(), row.windowStart(), row.lockedUntil());
        }
        boolean windowOpen = row.lockedUntil() == null && row.windowStart() != null
                && row.windowStart().isAfter(now.minus(policy.failureWindow()));
        return windowOpen ? new Lockout(userId, row.failures(), row.windowStart(), null)
                : new Lockout(userId, 0, null, null);
    }

    /** The system acts, on the occasion of a request from {@code client}. */
    private static Caller system(String domainId, ClientInfo client) {
        return new Caller(null, "gatehouse", domainId, null, null, null, null, client);
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
