package io.gatehouse.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.PublicEndpoint;
import io.gatehouse.common.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v3/users/{user_id}/password} sent without {@code X-Auth-Token}: a user whose password
 * has expired cannot get a token, so it proves itself with {@code original_password} instead. With a
 * token, or signed with an access key ({@code Authorization}), the same path is the ordinary change of
 * one's own password ({@code KeystoneUserController}).
 */
@RestController
class ExpiredPasswordController {

    private final ExpiredPasswordChange change;

    ExpiredPasswordController(ExpiredPasswordChange change) {
        this.change = change;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Body(PasswordIn user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PasswordIn(String password, String originalPassword) {
        @Override
        public String toString() {
            return "PasswordIn[***]";
        }
    }

    @PostMapping(path = "/v3/users/{user_id}/password",
            headers = {"!" + AuthenticationInterceptor.AUTH_TOKEN_HEADER, "!Authorization"})
    @PublicEndpoint
    ResponseEntity<Void> changeExpired(@PathVariable("user_id") String userId, @RequestBody Body body,
            HttpServletRequest request) {
        if (body.user() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("user");
        }
        change.change(userId, body.user().originalPassword(), body.user().password(), RequestContext.client(request));
        return ResponseEntity.noContent().build();
    }
}
