package io.gatehouse.security;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3.0/OS-SECURITYPOLICY/domains/{domain_id}/password-policy}: administrators of the account only. */
@RestController
class PasswordPolicyController {

    private static final String PATH = "/v3.0/OS-SECURITYPOLICY/domains/{domain_id}/password-policy";

    private final PasswordPolicyService service;

    PasswordPolicyController(PasswordPolicyService service) {
        this.service = service;
    }

    record Body(PasswordPolicyIn passwordPolicy) {
    }

    /** The writable fields; numbers are read as any JSON number and checked against their ranges. */
    record PasswordPolicyIn(Number passwordCharCombination, Number minimumPasswordLength,
            Number maximumConsecutiveIdenticalChars, Number numberOfRecentPasswordsDisallowed,
            Boolean passwordNotUsernameOrInvert, Number passwordValidityPeriod, Number minimumPasswordAge) {

        PasswordPolicy.Change change() {
            return new PasswordPolicy.Change(passwordCharCombination, minimumPasswordLength,
                    maximumConsecutiveIdenticalChars, numberOfRecentPasswordsDisallowed, passwordNotUsernameOrInvert,
                    passwordValidityPeriod, minimumPasswordAge);
        }
    }

    record Out(View passwordPolicy) {
    }

    /** Huawei's PasswordPolicyResult: every field, the two read-only ones included. */
    record View(int maximumConsecutiveIdenticalChars, int maximumPasswordLength, int minimumPasswordAge,
            int minimumPasswordLength, int numberOfRecentPasswordsDisallowed, boolean passwordNotUsernameOrInvert,
            String passwordRequirements, int passwordValidityPeriod, int passwordCharCombination) {

        static Out of(PasswordPolicy p) {
            return new Out(new View(p.maximumConsecutiveIdenticalChars(), PasswordPolicy.MAXIMUM_PASSWORD_LENGTH,
                    p.minimumPasswordAge(), p.minimumPasswordLength(), p.numberOfRecentPasswordsDisallowed(),
                    p.passwordNotUsernameOrInvert(), p.requirements(), p.passwordValidityPeriod(),
                    p.passwordCharCombination()));
        }
    }

    @GetMapping(PATH)
    @RequiresAction(value = "iam:securitypolicies:getPasswordPolicy", resource = PasswordPolicyService.RESOURCE)
    Out show(Caller caller, @PathVariable("domain_id") String domainId) {
        return View.of(service.get(caller, domainId));
    }

    @PutMapping(PATH)
    @RequiresAction(value = "iam:securitypolicies:updatePasswordPolicy", resource = PasswordPolicyService.RESOURCE)
    Out update(Caller caller, @PathVariable("domain_id") String domainId, @RequestBody Body body) {
        if (body.passwordPolicy() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("password_policy");
        }
        return View.of(service.update(caller, domainId, body.passwordPolicy().change()));
    }
}
