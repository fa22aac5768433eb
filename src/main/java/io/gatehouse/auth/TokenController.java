package io.gatehouse.auth;

import io.gatehouse.catalog.ServiceCatalog;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.common.web.PublicEndpoint;
import io.gatehouse.common.web.RequestContext;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import io.gatehouse.security.LoginPolicyService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/auth/tokens}: issue (POST), validate (GET), check (HEAD) and revoke (DELETE). */
@RestController
@RequestMapping("/v3/auth/tokens")
class TokenController {

    /** Huawei's SDK matches this header name case-sensitively. */
    static final String SUBJECT_TOKEN = "X-Subject-Token";

    private final TokenService tokens;
    private final LoginPolicyService loginPolicies;
    private final ServiceCatalog catalog;

    TokenController(TokenService tokens, LoginPolicyService loginPolicies, ServiceCatalog catalog) {
        this.tokens = tokens;
        this.loginPolicies = loginPolicies;
        this.catalog = catalog;
    }

    @PostMapping
    @PublicEndpoint
    ResponseEntity<TokenRepresentation.TokenBody> issue(@RequestBody TokenRepresentation.AuthBody body,
            @RequestParam(name = "nocatalog", required = false) String nocatalog, HttpServletRequest request) {
        ClientInfo client = RequestContext.client(request);
        TokenService.IssuedToken issued = tokens.issue(toSignIn(body), client);
        return ResponseEntity.status(HttpStatus.CREATED).header(SUBJECT_TOKEN, issued.token())
                .body(TokenRepresentation.of(issued.claims(), catalog(nocatalog), loginInfo(issued.claims(), client)));
    }

    /** The same catalog for every token, so that Keystone clients find the identity endpoint in it. */
    private List<ServiceCatalog.Entry> catalog(String nocatalog) {
        return "true".equalsIgnoreCase(nocatalog) ? null : catalog.entries();
    }

    /** What the login policy says to show the user who has just signed in: null for nothing. */
    private TokenRepresentation.LoginInfoView loginInfo(TokenClaims claims, ClientInfo client) {
        return loginPolicies.loginInfo(claims.domainId(), claims.userId(), client.requestId())
                .map(info -> new TokenRepresentation.LoginInfoView(info.customInfo(), info.recentLogin() == null ? null
                        : new TokenRepresentation.RecentLoginView(WireTime.token(info.recentLogin().time()),
                                info.recentLogin().ip(), info.recentLogin().result())))
                .orElse(null);
    }

    @GetMapping
    @RequiresAction(value = "iam:tokens:validateToken", resource = "token", allow = Allow.AUTHENTICATED)
    ResponseEntity<TokenRepresentation.TokenBody> validate(Caller caller,
            @RequestHeader(name = SUBJECT_TOKEN, required = false) String subject,
            @RequestParam(name = "nocatalog", required = false) String nocatalog) {
        TokenClaims claims = tokens.inspect(caller, subject);
        return ResponseEntity.ok().header(SUBJECT_TOKEN, subject)
                .body(TokenRepresentation.of(claims, catalog(nocatalog)));
    }

    @RequestMapping(method = RequestMethod.HEAD)
    @RequiresAction(value = "iam:tokens:checkToken", resource = "token", allow = Allow.AUTHENTICATED)
    ResponseEntity<Void> check(Caller caller, @RequestHeader(name = SUBJECT_TOKEN, required = false) String subject) {
        tokens.inspect(caller, subject);
        return ResponseEntity.ok().build();
    }

    @DeleteMapping
    @RequiresAction(value = "iam:tokens:revokeToken", resource = "token", allow = Allow.AUTHENTICATED)
    ResponseEntity<Void> revoke(Caller caller, @RequestHeader(name = SUBJECT_TOKEN, required = false) String subject) {
        tokens.revoke(caller, subject);
        return ResponseEntity.noContent().build();
    }

    private static SignInRequest toSignIn(TokenRepresentation.AuthBody body) {
        if (body == null || body.auth() == null || body.auth().identity() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("auth.identity");
        }
        TokenRepresentation.Identity identity = body.auth().identity();
        // The official SDK 3.1.192 sends " totp", with a leading space.
        List<String> methods = identity.methods() == null ? List.of()
                : identity.methods().stream().map(m -> m == null ? "" : m.trim()).toList();
        if (methods.isEmpty()) {
            throw IamError.REQUIRED_PROPERTY.exception("auth.identity.methods");
        }
        if (!methods.contains("password") || methods.size() > 2 || methods.size() == 2
                && !SUPPORTED_SECOND_FACTORS.contains(methods.get(methods.indexOf("password") == 0 ? 1 : 0))) {
            throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter auth.identity.methods is invalid: "
                    + "it must be [\"password\"], or \"password\" with one of \"totp\" and \"verification_code\".");
        }
        SignInRequest.SecondFactor secondFactor = secondFactor(methods, identity);
        TokenRepresentation.UserIn user = identity.password() == null ? null : identity.password().user();
        if (user == null || user.password() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("auth.identity.password.user.password");
        }
        if (user.id() == null && (user.name() == null || user.domain() == null
                || user.domain().id() == null && user.domain().name() == null)) {
            throw new ApiException(IamError.REQUIRED_PROPERTY,
                    "'auth.identity.password.user' needs an id, or a name and a domain (id or name).");
        }
        return new SignInRequest(methods, user.id(), user.name(), user.domain() == null ? null : user.domain().id(),
                user.domain() == null ? null : user.domain().name(), user.password(), scope(body.auth().scope()),
                secondFactor);
    }

    private static final List<String> SUPPORTED_SECOND_FACTORS = List.of(SignInRequest.SecondFactor.TOTP,
            SignInRequest.SecondFactor.VERIFICATION_CODE);

    private static SignInRequest.SecondFactor secondFactor(List<String> methods, TokenRepresentation.Identity identity) {
        if (methods.contains(SignInRequest.SecondFactor.TOTP)) {
            TokenRepresentation.TotpUser totp = identity.totp() == null ? null : identity.totp().user();
            if (totp == null || totp.passcode() == null) {
                throw IamError.REQUIRED_PROPERTY.exception("auth.identity.totp.user.passcode");
            }
            return new SignInRequest.SecondFactor(SignInRequest.SecondFactor.TOTP, totp.passcode(), null);
        }
        if (methods.contains(SignInRequest.SecondFactor.VERIFICATION_CODE)) {
            TokenRepresentation.VerificationCodeIn code = identity.verificationCode();
            if (code == null || code.id() == null || code.code() == null) {
                throw IamError.REQUIRED_PROPERTY.exception("auth.identity.verification_code");
            }
            return new SignInRequest.SecondFactor(SignInRequest.SecondFactor.VERIFICATION_CODE, code.code(), code.id());
        }
        return null;
    }

    private static SignInRequest.Scope scope(TokenRepresentation.ScopeIn scope) {
        if (scope == null || scope.domain() == null && scope.project() == null) {
            return null;
        }
        if (scope.project() != null) {
            TokenRepresentation.ProjectIn p = scope.project();
            if (p.id() == null && p.name() == null) {
                throw IamError.REQUIRED_PROPERTY.exception("auth.scope.project.id");
            }
            return new SignInRequest.Scope(null, null, p.id(), p.name(), p.domain() == null ? null : p.domain().id(),
                    p.domain() == null ? null : p.domain().name());
        }
        if (scope.domain().id() == null && scope.domain().name() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("auth.scope.domain.id");
        }
        return new SignInRequest.Scope(scope.domain().id(), scope.domain().name(), null, null, null, null);
    }
}
