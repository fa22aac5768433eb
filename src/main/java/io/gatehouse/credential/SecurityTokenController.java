package io.gatehouse.credential;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v3.0/OS-CREDENTIAL/securitytokens} with method {@code token}: a temporary access key for the
 * caller itself. The token is the request's {@code X-Auth-Token}; {@code token.id}, when sent, must be
 * that same token. Session policies ({@code policy}) and agencies ({@code assume_role}) are not supported
 * and are refused rather than ignored, since ignoring them would hand out more than was asked for.
 */
@RestController
class SecurityTokenController {

    private final TemporaryKeyService service;

    SecurityTokenController(TemporaryKeyService service) {
        this.service = service;
    }

    record Body(Auth auth) {
    }

    record Auth(Identity identity) {
    }

    record Identity(List<String> methods, TokenIn token, JsonNode policy, JsonNode assumeRole) {
    }

    record TokenIn(String id, Integer durationSeconds) {
        @Override
        public String toString() {
            return "TokenIn[durationSeconds=" + durationSeconds + "]";
        }
    }

    record Out(View credential) {
    }

    record View(String access, String secret, String securitytoken, String expiresAt) {
        @Override
        public String toString() {
            return "View[access=" + access + ", expiresAt=" + expiresAt + "]";
        }
    }

    @PostMapping("/v3.0/OS-CREDENTIAL/securitytokens")
    @RequiresAction(value = TemporaryKeyService.ACTION, resource = TemporaryKeyService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    ResponseEntity<Out> create(Caller caller, @RequestBody Body body, HttpServletRequest request) {
        Identity identity = body.auth() == null ? null : body.auth().identity();
        if (identity == null || identity.methods() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("auth.identity.methods");
        }
        if (identity.assumeRole() != null || identity.methods().stream().anyMatch(m -> m != null
                && m.trim().equals("assume_role"))) {
            throw new ApiException(IamError.INVALID_PARAMETER,
                    "Request parameter auth.identity.methods is invalid: agencies (assume_role) are not supported.");
        }
        if (identity.methods().size() != 1 || identity.methods().get(0) == null
                || !identity.methods().get(0).trim().equals("token")) {
            throw new ApiException(IamError.INVALID_PARAMETER,
                    "Request parameter auth.identity.methods is invalid: it must be [\"token\"].");
        }
        if (identity.policy() != null) {
            throw new ApiException(IamError.INVALID_PARAMETER,
                    "Request parameter auth.identity.policy is invalid: session policies are not supported.");
        }
        TokenIn token = identity.token();
        if (token != null && token.id() != null && !token.id().equals(request.getHeader("X-Auth-Token"))) {
            throw new ApiException(IamError.INVALID_PARAMETER,
                    "Request parameter auth.identity.token.id is invalid: it must be the request's X-Auth-Token.");
        }
        TemporaryKeyService.Issued issued = service.issue(caller, token == null ? null : token.durationSeconds(),
                SignatureAuthenticator.usedKey(request));
        TemporaryKey k = issued.key();
        return ResponseEntity.status(HttpStatus.CREATED).body(new Out(new View(k.accessKey(), k.secretKey(),
                issued.securityToken(), WireTime.token(k.expiresAt()))));
    }
}
