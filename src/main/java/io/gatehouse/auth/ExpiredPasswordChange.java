package io.gatehouse.auth;

import io.gatehouse.audit.SignInEvents;
import io.gatehouse.common.crypto.PasswordHasher;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The token-less change of an expired password. The original password is checked the way a sign-in
 * checks it: the guards that run before a password (address ACLs, lockout) run here too, an unknown
 * user costs the same Argon2 verification as a known one, and a wrong password is a failed sign-in
 * event that the guards hear about. Only then does the user feature vet and store the new password,
 * and only while the current one has expired; otherwise the answer is the 401 of a missing token.
 */
@Component
class ExpiredPasswordChange {

    private final UserService users;
    private final PasswordHasher hasher;
    private final SignInEvents events;
    private final List<SignInGuard> guards;

    ExpiredPasswordChange(UserService users, PasswordHasher hasher, SignInEvents events, List<SignInGuard> guards) {
        this.users = users;
        this.hasher = hasher;
        this.events = events;
        this.guards = guards;
    }

    void change(String userId, String original, String password, ClientInfo client) {
        if (original == null || password == null) {
            throw new ApiException(IamError.MANDATORY_PARAMETER_MISSING,
                    "Mandatory parameters password and original_password are not specified.");
        }
        User found = users.findById(userId).orElse(null);
        SignInRequest request = new SignInRequest(List.of("password"), userId, null, null, null, original, null, null);
        SignInAttempt attempt = new SignInAttempt(request, found, client, PasswordSignIn.CHANNEL_API);
        try {
            guards.forEach(g -> g.beforePassword(attempt));
            boolean passwordOk = hasher.verify(found == null ? null : found.passwordHash(), original);
            if (found == null || !passwordOk) {
                guards.forEach(g -> g.onPasswordFailure(attempt));
                throw new SignInRefusal(found == null ? "unknown_user" : "wrong_password",
                        IamError.WRONG_CREDENTIALS.exception());
            }
            if (!found.enabled()) {
                throw new SignInRefusal("disabled", IamError.USER_DISABLED.exception(found.name()));
            }
        } catch (SignInRefusal refusal) {
            events.record(new SignInEvents.Attempt(found == null ? null : found.domainId(),
                    found == null ? null : found.id(), found == null ? userId : found.name(),
                    PasswordSignIn.CHANNEL_API, "password", false, refusal.cause(), client));
            throw refusal.answer();
        }
        users.changeExpiredPassword(found, password, client);
    }
}

