package io.gatehouse.auth;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.security.Lockout;
import io.gatehouse.security.LockoutService;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /gatehouse/v1/users/{user_id}/lockout}: an administrator sees whether a user is locked out
 * (GET) and unlocks it (DELETE). It lives in {@code auth} because it must find the user within the
 * caller's account, which the {@code security} feature cannot.
 */
@RestController
class LockoutController {

    private static final String PATH = "/gatehouse/v1/users/{user_id}/lockout";

    private final LockoutService lockouts;
    private final UserService users;

    LockoutController(LockoutService lockouts, UserService users) {
        this.lockouts = lockouts;
        this.users = users;
    }

    record Out(View lockout) {
    }

    /** {@code locked_until} and {@code failures_since} are omitted when they do not apply. */
    record View(String userId, boolean locked, String lockedUntil, int failures, String failuresSince) {
        static View of(Lockout l) {
            return new View(l.userId(), l.locked(), WireTime.token(l.lockedUntil()), l.failures(),
                    WireTime.token(l.windowStart()));
        }
    }

    @GetMapping(PATH)
    @RequiresAction(value = "gatehouse:users:getLockout", resource = LockoutService.RESOURCE)
    Out show(Caller caller, @PathVariable("user_id") String userId) {
        User user = users.get(caller, userId);
        return new Out(View.of(lockouts.status(user.domainId(), user.id())));
    }

    @DeleteMapping(PATH)
    @RequiresAction(value = "gatehouse:users:unlock", resource = LockoutService.RESOURCE)
    ResponseEntity<Void> unlock(Caller caller, @PathVariable("user_id") String userId) {
        User user = users.get(caller, userId);
        lockouts.unlock(caller, user.id(), user.name());
        return ResponseEntity.noContent().build();
    }
}
