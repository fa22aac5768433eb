package io.gatehouse.auth;

import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.security.OperationProtectionService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Operation protection on the request path: a sensitive action, once the caller is found allowed to
 * perform it, also needs a fresh second-factor verification when the account asks for one. The rule
 * and its list of actions live in {@code security}; this adapter plugs it into the request path, which
 * {@code security} cannot name. An action outside the list costs a set lookup and nothing more.
 */
@Component
class OperationProtectionGuard implements RequestGuard {

    private final OperationProtectionService protection;

    OperationProtectionGuard(OperationProtectionService protection) {
        this.protection = protection;
    }

    @Override
    public void checkAllowed(Caller caller, RequiresAction action, HttpServletRequest request) {
        protection.requireVerified(caller, action.value());
    }
}
