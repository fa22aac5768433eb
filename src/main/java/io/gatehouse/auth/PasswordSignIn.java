package io.gatehouse.auth;

import io.gatehouse.account.Account;
import io.gatehouse.account.AccountService;
import io.gatehouse.audit.SignInEvents;
import io.gatehouse.common.crypto.PasswordHasher;
import io.gatehouse.common.db.ReadsTogether;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks a user's password. An unknown account, an unknown user and a wrong password take the same
 * path (an Argon2 verification, against a decoy hash when there is no user) and give the same 401,
 * so neither the answer nor its timing tells whether a user exists. Only a caller who knew the right
 * password learns that the user is disabled or limited to the console. Rules of other features
 * (ACLs, lockout, second factors) plug in as {@link SignInGuard}s.
 */
@Component
class PasswordSignIn {

    static final String CHANNEL_API = "api";

    private final AccountService accounts;
    private final UserService users;
    private final PasswordHasher hasher;
    private final SignInEvents events;
    private final List<SignInGuard> guards;
    private final ReadsTogether reads;

    PasswordSignIn(AccountService accounts, UserService users, PasswordHasher hasher, SignInEvents events,
            List<SignInGuard> guards, ReadsTogether reads) {
        this.guards = guards;
        this.reads = reads;
        this.accounts = accounts;
        this.users = users;
        this.hasher = hasher;
        this.events = events;
    }

    /** The attempt of a user whose password (and second factor) checked out; the token is made from it. */
    SignInAttempt authenticate(SignInRequest request, ClientInfo client) {
        String attempted = request.userName() != null ? request.userName() : request.userId();
        User found = find(request).orElse(null);
        SignInAttempt attempt = new SignInAttempt(request, found, client, CHANNEL_API);
        if (found != null) {
            ReadsTogether.Batch batch = reads.batch();
            guards.forEach(g -> g.prefetch(attempt, batch));
            batch.run();
        }
        try {
            guards.forEach(g -> g.beforePassword(attempt));
            boolean passwordOk = hasher.verify(found == null ? null : found.passwordHash(), request.password());
            if (found == null || !passwordOk) {
                guards.forEach(g -> g.onPasswordFailure(attempt));
                throw new SignInRefusal(found == null ? "unknown_user" : "wrong_password",
                        IamError.WRONG_CREDENTIALS.exception());
            }
            if (!found.enabled()) {
                throw new SignInRefusal("disabled", IamError.USER_DISABLED.exception(found.name()));
            }
            if (!found.accessMode().allowsApi()) {
                throw new SignInRefusal("console_only", IamError.CONSOLE_ONLY_USER.exception());
            }
            try {
                guards.forEach(g -> g.afterPassword(attempt));
            } catch (SignInRefusal refusal) {
                if (refusal.failedFactor()) {
                    guards.forEach(g -> g.onPasswordFailure(attempt));
                }
                throw refusal;
            }
            return attempt;
        } catch (SignInRefusal refusal) {
            fail(found, attempted, refusal.method() == null ? methods(request) : refusal.method(), refusal.cause(),
                    client);
            throw refusal.answer();
        }
    }

    void succeeded(SignInAttempt attempt) {
        User user = attempt.user();
        guards.forEach(g -> g.onSuccess(attempt));
        String method = guards.stream().map(g -> g.signInMethod(attempt)).filter(m -> m != null).findFirst()
                .orElse(methods(attempt.request()));
        events.record(new SignInEvents.Attempt(user.domainId(), user.id(), user.name(), CHANNEL_API, method, true,
                null, attempt.client()));
    }

    /** The methods the request named, as a sign-in event records them: {@code password+totp}. */
    private static String methods(SignInRequest request) {
        return String.join("+", request.methods());
    }

    ApiException failed(SignInAttempt attempt, String cause, ApiException refusal) {
        fail(attempt.user(), attempt.user().name(), "password", cause, attempt.client());
        return refusal;
    }

    private void fail(User user, String attempted, String method, String cause, ClientInfo client) {
        events.record(new SignInEvents.Attempt(user == null ? null : user.domainId(), user == null ? null : user.id(),
                attempted, CHANNEL_API, method, false, cause, client));
    }

    private Optional<User> find(SignInRequest request) {
        if (request.userId() != null) {
            return users.findById(request.userId());
        }
        Optional<Account> account = request.domainId() != null ? accounts.find(request.domainId())
                : accounts.findByName(request.domainName());
        return account.flatMap(a -> users.findByName(a.id(), request.userName()));
    }
}
