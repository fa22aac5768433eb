package io.gatehouse.auth;

import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequestContext;
import io.gatehouse.security.AclService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The account's API access control list, on token issue and on every authenticated request. The lists
 * live in {@code security}; this adapter plugs them into the sign-in flow and the request path, which
 * {@code security} cannot name. Both checks read only the per-node cache of compiled lists.
 */
@Component
class AclGuard implements SignInGuard, RequestGuard {

    private final AclService acls;

    AclGuard(AclService acls) {
        this.acls = acls;
    }

    /** Only for a user that exists: an unknown name goes on to the same answer as a wrong password. */
    @Override
    public void beforePassword(SignInAttempt attempt) {
        if (attempt.knownUser() && !acls.allowsApi(attempt.user().domainId(), attempt.client().ip())) {
            throw new SignInRefusal("acl", AclService.apiAccessRefused());
        }
    }

    @Override
    public void check(Caller caller, HttpServletRequest request) {
        if (!acls.allowsApi(caller.domainId(), RequestContext.client(request).ip())) {
            throw AclService.apiAccessRefused();
        }
    }
}
