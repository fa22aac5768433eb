package io.gatehouse.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.access.RoleRef;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Tokens as signed JWTs (ES256; RS256 from keys of earlier versions). Times the wire shows to the
 * microsecond travel as micro-second claims.
 */
@Component
class TokenCodec {

    static final String ISSUER = "gatehouse";

    private final SigningKeys keys;

    TokenCodec(SigningKeys keys) {
        this.keys = keys;
    }

    String encode(TokenClaims c) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .jwtID(c.tokenId())
                .subject(c.userId())
                .issueTime(Date.from(c.issuedAt()))
                .expirationTime(Date.from(c.expiresAt()))
                .claim("iat_us", micros(c.issuedAt()))
                .claim("exp_us", micros(c.expiresAt()))
                .claim("name", c.userName())
                .claim("domain", Map.of("id", c.domainId(), "name", c.domainName()))
                .claim("methods", c.methods())
                .claim("roles", c.roles().stream().map(r -> Map.of("id", r.id(), "name", r.name())).toList());
        if (c.projectId() != null) {
            claims.claim("project", Map.of("id", c.projectId(), "name", c.projectName()));
        }
        if (c.passwordExpiresAt() != null) {
            claims.claim("pwd_exp_us", micros(c.passwordExpiresAt()));
        }
        SigningKeys.Active active = keys.active();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(active.algorithm()).type(JOSEObjectType.JWT)
                .keyID(active.kid()).build(), claims.build());
        try {
            jwt.sign(active.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a token whose signature checks out, or empty for anything else. Expiry is not checked here. */
    Optional<TokenClaims> decode(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSVerifier verifier = keys.verifier(jwt.getHeader().getKeyID());
            // The key decides the algorithm: a header that names another one (say "none" or HS256) fails here.
            if (verifier == null || !verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(c.getIssuer())) {
                return Optional.empty();
            }
            Map<String, Object> domain = c.getJSONObjectClaim("domain");
            Map<String, Object> project = c.getJSONObjectClaim("project");
            List<RoleRef> roles = ((List<?>) c.getClaim("roles")).stream().map(o -> (Map<?, ?>) o)
                    .map(m -> new RoleRef((String) m.get("id"), (String) m.get("name"))).toList();
            Long passwordExpiry = c.getLongClaim("pwd_exp_us");
            return Optional.of(new TokenClaims(c.getJWTID(), c.getSubject(), c.getStringClaim("name"),
                    (String) domain.get("id"), (String) domain.get("name"),
                    project == null ? null : (String) project.get("id"),
                    project == null ? null : (String) project.get("name"),
                    c.getStringListClaim("methods"), roles, instant(c.getLongClaim("iat_us")),
                    instant(c.getLongClaim("exp_us")), passwordExpiry == null ? null : instant(passwordExpiry)));
        } catch (ParseException | JOSEException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant instant(Long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
