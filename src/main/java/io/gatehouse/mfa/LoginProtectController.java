package io.gatehouse.mfa;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3.0/OS-USER/users/{user_id}/login-protect} and {@code /v3.0/OS-USER/login-protects}. */
@RestController
class LoginProtectController {

    private final LoginProtectService service;

    LoginProtectController(LoginProtectService service) {
        this.service = service;
    }

    record Body(LoginProtectIn loginProtect) {
    }

    record LoginProtectIn(Boolean enabled, String verificationMethod) {
    }

    record Out(View loginProtect) {
    }

    record ListOut(List<View> loginProtects) {
    }

    record View(String userId, Boolean enabled, String verificationMethod) {
        static View of(LoginProtect p) {
            return new View(p.userId(), p.enabled(), p.method().wire());
        }
    }

    @GetMapping("/v3.0/OS-USER/users/{user_id}/login-protect")
    @RequiresAction(value = "iam:users:getUserLoginProtect", resource = LoginProtectService.RESOURCE,
            allow = Allow.SELF_OR_GRANTED)
    Out show(Caller caller, @PathVariable("user_id") String userId) {
        return new Out(View.of(service.get(caller, userId)));
    }

    @PutMapping("/v3.0/OS-USER/users/{user_id}/login-protect")
    @RequiresAction(value = "iam:users:setUserLoginProtect", resource = LoginProtectService.RESOURCE)
    Out update(Caller caller, @PathVariable("user_id") String userId, @RequestBody Body body) {
        if (body.loginProtect() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("login_protect");
        }
        return new Out(View.of(service.set(caller, userId, body.loginProtect().enabled(),
                body.loginProtect().verificationMethod())));
    }

    @GetMapping("/v3.0/OS-USER/login-protects")
    @RequiresAction(value = "iam:users:listUserLoginProtects", resource = LoginProtectService.RESOURCE)
    ListOut list(Caller caller) {
        return new ListOut(service.list(caller).stream().map(View::of).toList());
    }
}
