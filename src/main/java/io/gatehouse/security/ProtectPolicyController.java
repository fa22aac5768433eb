package io.gatehouse.security;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3.0/OS-SECURITYPOLICY/domains/{domain_id}/protect-policy}. */
@RestController
class ProtectPolicyController {

    private static final String PATH = "/v3.0/OS-SECURITYPOLICY/domains/{domain_id}/protect-policy";

    private final ProtectPolicyService service;

    ProtectPolicyController(ProtectPolicyService service) {
        this.service = service;
    }

    record AllowUser(Boolean manageAccesskey, Boolean manageEmail, Boolean manageMobile, Boolean managePassword) {
    }

    record View(Boolean operationProtection, AllowUser allowUser, String adminCheck, String scene, String mobile,
            String email) {

        static View of(ProtectPolicy p) {
            return new View(p.operationProtection(), new AllowUser(p.manageAccesskey(), p.manageEmail(),
                    p.manageMobile(), p.managePassword()), p.adminCheck(), p.scene(), p.mobile(), p.email());
        }

        ProtectPolicyService.Change change() {
            AllowUser a = allowUser == null ? new AllowUser(null, null, null, null) : allowUser;
            return new ProtectPolicyService.Change(operationProtection, a.manageAccesskey(), a.manageEmail(),
                    a.manageMobile(), a.managePassword(), adminCheck, scene, mobile, email);
        }
    }

    record Body(View protectPolicy) {
    }

    @GetMapping(PATH)
    @RequiresAction(value = "iam:securitypolicies:getProtectPolicy", resource = ProtectPolicyService.RESOURCE)
    Body show(Caller caller, @PathVariable("domain_id") String domainId) {
        return new Body(View.of(service.get(caller, domainId)));
    }

    @PutMapping(PATH)
    @RequiresAction(value = "iam:securitypolicies:updateProtectPolicy", resource = ProtectPolicyService.RESOURCE)
    Body update(Caller caller, @PathVariable("domain_id") String domainId, @RequestBody Body body) {
        if (body.protectPolicy() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("protect_policy");
        }
        return new Body(View.of(service.update(caller, domainId, body.protectPolicy().change())));
    }
}
