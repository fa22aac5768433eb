package io.gatehouse.security;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3.0/OS-SECURITYPOLICY/domains/{domain_id}/login-policy}: show (GET) and partial update (PUT). */
@RestController
class LoginPolicyController {

    private static final String PATH = "/v3.0/OS-SECURITYPOLICY/domains/{domain_id}/login-policy";

    private final LoginPolicyService service;

    LoginPolicyController(LoginPolicyService service) {
        this.service = service;
    }

    record Body(LoginPolicy.Change loginPolicy) {
    }

    record Out(View loginPolicy) {
    }

    record View(Integer sessionTimeout, Integer periodWithLoginFailures, Integer loginFailedTimes,
            Integer lockoutDuration, Integer accountValidityPeriod, Boolean showRecentLoginInfo,
            String customInfoForLogin) {
        static View of(LoginPolicy p) {
            return new View(p.sessionTimeout(), p.periodWithLoginFailures(), p.loginFailedTimes(),
                    p.lockoutDuration(), p.accountValidityPeriod(), p.showRecentLoginInfo(), p.customInfoForLogin());
        }
    }

    @GetMapping(PATH)
    @RequiresAction(value = "iam:securitypolicies:getLoginPolicy", resource = LoginPolicyService.RESOURCE)
    Out show(Caller caller, @PathVariable("domain_id") String domainId) {
        return new Out(View.of(service.get(caller, domainId)));
    }

    @PutMapping(PATH)
    @RequiresAction(value = "iam:securitypolicies:updateLoginPolicy", resource = LoginPolicyService.RESOURCE)
    Out update(Caller caller, @PathVariable("domain_id") String domainId, @RequestBody Body body) {
        if (body.loginPolicy() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("login_policy");
        }
        return new Out(View.of(service.update(caller, domainId, body.loginPolicy())));
    }
}
