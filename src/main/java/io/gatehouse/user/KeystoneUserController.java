package io.gatehouse.user;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import io.gatehouse.user.UserRepresentation.KeystoneUserBody;
import io.gatehouse.user.UserRepresentation.KeystoneUserOut;
import io.gatehouse.user.UserRepresentation.KeystoneUserView;
import io.gatehouse.user.UserRepresentation.KeystoneUsersOut;
import io.gatehouse.user.UserRepresentation.ListLinks;
import io.gatehouse.user.UserRepresentation.PasswordBody;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Keystone user API, {@code /v3/users}. */
@RestController
@RequestMapping("/v3/users")
class KeystoneUserController {

    private final UserService users;
    private final PublicUrl urls;
    private final int listLimit;

    KeystoneUserController(UserService users, PublicUrl urls, @Value("${gatehouse.list-limit:1000}") int listLimit) {
        this.users = users;
        this.urls = urls;
        this.listLimit = listLimit;
    }

    /**
     * Lists the caller's account. Like Keystone's {@code list_limit}, at most a configured number of
     * users come back, with {@code truncated}; {@code limit} and {@code marker} page through the rest.
     */
    @GetMapping
    @RequiresAction(value = "iam:users:listUsers", resource = UserService.RESOURCE)
    KeystoneUsersOut list(Caller caller, @RequestParam(name = "domain_id", required = false) String domainId,
            @RequestParam(name = "enabled", required = false) String enabled,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "password_expires_at", required = false) String passwordExpiresAt,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "marker", required = false) String marker) {
        String self = urls.of("/v3/users");
        if (domainId != null && !domainId.equals(caller.domainId())) {
            // Another account's users are not there for this caller.
            return new KeystoneUsersOut(List.of(), new ListLinks(self, null, null), null);
        }
        int pageSize = limit == null ? listLimit : limit;
        if (pageSize < 1 || pageSize > listLimit) {
            throw IamError.INVALID_PARAMETER.exception("limit");
        }
        UserQuery query = new UserQuery(caller.domainId(), name, parseBoolean(enabled),
                UserQuery.PasswordExpiry.parse(passwordExpiresAt), marker);
        List<User> page = users.list(query, pageSize + 1);
        boolean more = page.size() > pageSize;
        List<KeystoneUserView> views = page.stream().limit(pageSize)
                .map(u -> KeystoneUserView.of(u, urls.of("/v3/users/" + u.id()))).toList();
        String next = more ? self + "?limit=" + pageSize + "&marker=" + views.get(views.size() - 1).id() : null;
        return new KeystoneUsersOut(views, new ListLinks(self, null, next), more && limit == null ? Boolean.TRUE : null);
    }

    @PostMapping
    @RequiresAction(value = "iam:users:createUser", resource = UserService.RESOURCE)
    ResponseEntity<KeystoneUserOut> create(Caller caller, @RequestBody KeystoneUserBody body) {
        if (body.user() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("user");
        }
        User user = users.create(caller, body.user().fields(), UserRules.KEYSTONE_NAME_MAX, false,
                "iam:users:createUser");
        return ResponseEntity.status(HttpStatus.CREATED).body(view(user));
    }

    @GetMapping("/{user_id}")
    @RequiresAction(value = "iam:users:getUser", resource = UserService.RESOURCE, allow = Allow.SELF_OR_GRANTED)
    KeystoneUserOut show(Caller caller, @PathVariable("user_id") String userId) {
        return view(users.get(caller, userId));
    }

    @PatchMapping("/{user_id}")
    @RequiresAction(value = "iam:users:updateUser", resource = UserService.RESOURCE)
    KeystoneUserOut update(Caller caller, @PathVariable("user_id") String userId, @RequestBody KeystoneUserBody body) {
        if (body.user() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("user");
        }
        return view(users.update(caller, userId, body.user().fields(), UserRules.KEYSTONE_NAME_MAX,
                "iam:users:updateUser"));
    }

    @DeleteMapping("/{user_id}")
    @RequiresAction(value = "iam:users:deleteUser", resource = UserService.RESOURCE)
    ResponseEntity<Void> delete(Caller caller, @PathVariable("user_id") String userId) {
        users.delete(caller, userId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{user_id}/password")
    @RequiresAction(value = "iam:users:updateUserPassword", resource = UserService.RESOURCE, allow = Allow.SELF)
    ResponseEntity<Void> changePassword(Caller caller, @PathVariable("user_id") String userId,
            @RequestBody PasswordBody body) {
        if (body.user() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("user");
        }
        users.changeOwnPassword(caller, userId, body.user().originalPassword(), body.user().password());
        return ResponseEntity.noContent().build();
    }

    private KeystoneUserOut view(User user) {
        return new KeystoneUserOut(KeystoneUserView.of(user, urls.of("/v3/users/" + user.id())));
    }

    private static Boolean parseBoolean(String value) {
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw IamError.INVALID_PARAMETER.exception("enabled");
    }
}
