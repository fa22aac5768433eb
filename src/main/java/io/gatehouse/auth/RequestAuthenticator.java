package io.gatehouse.auth;

import io.gatehouse.common.web.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A way for a request to prove who sends it other than {@code X-Auth-Token}: the AK/SK signature of
 * the {@code credential} feature, which implements this so that {@code auth} need not know it. The
 * interceptor asks each authenticator whether it recognizes the request; the first that does alone
 * decides, and everything after authentication (the API ACL, the action decision, operation
 * protection) is the same for every kind of credential. It must not read the database on the hot path.
 */
public interface RequestAuthenticator {

    /** Whether the request carries this authenticator's kind of credential (cheap: a header look). */
    boolean recognizes(HttpServletRequest request);

    /**
     * The caller the credential proves.
     *
     * @throws io.gatehouse.common.error.ApiException 4xx when it proves nothing or the caller may not use it
     */
    Caller authenticate(HttpServletRequest request);
}
