package io.gatehouse.auth;

import io.gatehouse.access.AccessDecider;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicEndpoint;
import io.gatehouse.common.web.RequestContext;
import io.gatehouse.common.web.RequiresAction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authenticates every request to a controller and decides its declared action before the handler
 * runs. The credential is {@code X-Auth-Token}, or whatever a {@link RequestAuthenticator} recognizes
 * (an AK/SK signature). A handler that declares neither an action nor {@link PublicEndpoint} is refused: forgetting
 * the declaration fails closed.
 */
@Component
class AuthenticationInterceptor implements HandlerInterceptor {

    static final String AUTH_TOKEN_HEADER = "X-Auth-Token";

    private final TokenService tokens;
    private final AccessDecider decider;
    private final List<RequestGuard> guards;
    private final List<RequestAuthenticator> authenticators;

    AuthenticationInterceptor(TokenService tokens, AccessDecider decider, List<RequestGuard> guards,
            List<RequestAuthenticator> authenticators) {
        this.tokens = tokens;
        this.decider = decider;
        this.guards = guards;
        this.authenticators = authenticators;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (method.hasMethodAnnotation(PublicEndpoint.class) || isFrameworkEndpoint(method)) {
            return true;
        }
        RequiresAction action = method.getMethodAnnotation(RequiresAction.class);
        if (action == null) {
            throw new ApiException(IamError.NOT_AUTHORIZED, "This endpoint declares no action and is closed.");
        }
        RequestContext.setAction(request, action);
        Caller caller = authenticate(request);
        RequestContext.setCaller(request, caller);
        for (RequestGuard guard : guards) {
            guard.check(caller, request);
        }
        decider.check(caller, action, targetUserId(request));
        for (RequestGuard guard : guards) {
            guard.checkAllowed(caller, action, request);
        }
        return true;
    }

    /** By the first authenticator that recognizes the request's credential, else by X-Auth-Token. */
    private Caller authenticate(HttpServletRequest request) {
        for (RequestAuthenticator authenticator : authenticators) {
            if (authenticator.recognizes(request)) {
                if (request.getHeader(AUTH_TOKEN_HEADER) != null) {
                    // Two credentials could name two principals; which one acts must never be a guess.
                    throw new ApiException(IamError.AUTHENTICATION_REQUIRED,
                            "The request carries both X-Auth-Token and a signature; send only one of them.");
                }
                return authenticator.authenticate(request);
            }
        }
        TokenClaims claims = tokens.authenticate(request.getHeader(AUTH_TOKEN_HEADER));
        return new Caller(claims.userId(), claims.userName(), claims.domainId(), claims.domainName(),
                claims.projectId(), claims.tokenId(), claims.expiresAt(), RequestContext.client(request),
                claims.projectName(), claims.methods() != null && claims.methods().size() > 1);
    }

    private static boolean isFrameworkEndpoint(HandlerMethod method) {
        // springdoc's OpenAPI document is public description, not data.
        return method.getBeanType().getPackageName().startsWith("org.springdoc");
    }

    @SuppressWarnings("unchecked")
    private static String targetUserId(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return vars instanceof Map<?, ?> map ? ((Map<String, String>) map).get("user_id") : null;
    }
}
