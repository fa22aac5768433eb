package io.gatehouse.auth;

import io.gatehouse.common.web.PublicEndpoint;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The token signing keys' public halves, so other services can verify Gatehouse tokens offline. */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/gatehouse/v1/jwks")
    @PublicEndpoint
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject(true);
    }
}
