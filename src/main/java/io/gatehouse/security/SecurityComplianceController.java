package io.gatehouse.security;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keystone's read-only view of the password policy, {@code /v3/domains/{domain_id}/config/security_compliance}.
 * As in Keystone, any user may read it, so that a client can tell its user the rules before a change;
 * here only for the user's own account.
 */
@RestController
class SecurityComplianceController {

    private static final String PATH = "/v3/domains/{domain_id}/config/security_compliance";
    private static final String REGEX = "password_regex";
    private static final String DESCRIPTION = "password_regex_description";

    private final PasswordPolicyService service;

    SecurityComplianceController(PasswordPolicyService service) {
        this.service = service;
    }

    record Out(Group config) {
    }

    record Group(Options securityCompliance) {
    }

    record Options(String passwordRegex, String passwordRegexDescription) {
    }

    @GetMapping(PATH)
    @RequiresAction(value = "iam:securitypolicies:getSecurityCompliance", resource = PasswordPolicyService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    Out show(Caller caller, @PathVariable("domain_id") String domainId) {
        PasswordPolicy policy = service.get(caller, domainId);
        return new Out(new Group(new Options(policy.regex(), policy.requirements())));
    }

    /** Keystone's shape for one option: {@code {"config": {"<option>": value}}}. */
    @GetMapping(PATH + "/{option}")
    @RequiresAction(value = "iam:securitypolicies:getSecurityCompliance", resource = PasswordPolicyService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    Map<String, Map<String, String>> showOption(Caller caller, @PathVariable("domain_id") String domainId,
            @PathVariable("option") String option) {
        PasswordPolicy policy = service.get(caller, domainId);
        return switch (option) {
            case REGEX -> Map.of("config", Map.of(REGEX, policy.regex()));
            case DESCRIPTION -> Map.of("config", Map.of(DESCRIPTION, policy.requirements()));
            default -> throw IamError.NOT_FOUND.exception("option in group security_compliance", option);
        };
    }
}
