package io.gatehouse.user;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import io.gatehouse.user.UserRepresentation.InfoBody;
import io.gatehouse.user.UserRepresentation.OsUserBody;
import io.gatehouse.user.UserRepresentation.OsUserOut;
import io.gatehouse.user.UserRepresentation.OsUserUpdateBody;
import io.gatehouse.user.UserRepresentation.OsUserView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Huawei's recommended user API, {@code /v3.0/OS-USER/users}. */
@RestController
@RequestMapping("/v3.0/OS-USER/users")
class OsUserController {

    private final UserService users;
    private final PublicUrl urls;

    OsUserController(UserService users, PublicUrl urls) {
        this.users = users;
        this.urls = urls;
    }

    @PostMapping
    @RequiresAction(value = "iam:users:createUser", resource = UserService.RESOURCE)
    ResponseEntity<OsUserOut> create(Caller caller, @RequestBody OsUserBody body) {
        if (body.user() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("user");
        }
        User user = users.create(caller, body.user().fields(), UserRules.OS_USER_NAME_MAX, true,
                "iam:users:createUser");
        return ResponseEntity.status(HttpStatus.CREATED).body(view(user));
    }

    @GetMapping("/{user_id}")
    @RequiresAction(value = "iam:users:getUser", resource = UserService.RESOURCE, allow = Allow.SELF_OR_GRANTED)
    OsUserOut show(Caller caller, @PathVariable("user_id") String userId) {
        return view(users.get(caller, userId));
    }

    @PutMapping("/{user_id}")
    @RequiresAction(value = "iam:users:updateUser", resource = UserService.RESOURCE)
    OsUserOut update(Caller caller, @PathVariable("user_id") String userId, @RequestBody OsUserUpdateBody body) {
        if (body.user() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("user");
        }
        return view(users.update(caller, userId, body.user().fields(), UserRules.OS_USER_NAME_MAX,
                "iam:users:updateUser"));
    }

    @PutMapping("/{user_id}/info")
    @RequiresAction(value = "iam:users:updateUserInformation", resource = UserService.RESOURCE, allow = Allow.SELF)
    ResponseEntity<Void> updateInfo(Caller caller, @PathVariable("user_id") String userId, @RequestBody InfoBody body) {
        if (body.user() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("user");
        }
        users.updateOwnInfo(caller, userId, body.user().email(), body.user().mobile());
        return ResponseEntity.noContent().build();
    }

    private OsUserOut view(User user) {
        return new OsUserOut(OsUserView.of(user, urls.of("/v3.0/OS-USER/users/" + user.id())));
    }
}
