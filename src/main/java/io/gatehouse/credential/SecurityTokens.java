package io.gatehouse.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.common.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security tokens of temporary access keys. A temporary key is not stored: its security token is the
 * key itself (access key, secret key, owner, times, origin), sealed with {@link SecretBox} (AES-256-GCM
 * under the master key, which names its key id, so rotation works). The client cannot read the secret
 * from it nor forge or alter one, and any node opens it without the database. Revocation comes from
 * what the key is bound to: its user's revocations, its token or its permanent parent key.
 */
@Component
class SecurityTokens {

    private static final String PURPOSE = "securitytoken";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The sealed form; short member names keep the token short. Times are epoch microseconds. */
    record Sealed(String ak, String sk, String uid, String did, long iat, long exp, String tok, String pak) {
    }

    /** An opened token with its secret ready as an HMAC key. */
    record Opened(TemporaryKey key, SecretKeySpec secret) {
    }

    private final SecretBox box;
    /** Opening costs an AES-GCM decryption and a JSON parse; a client repeats its token on every call. */
    private final Cache<String, Opened> opened = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(15)).build();

    SecurityTokens(SecretBox box) {
        this.box = box;
    }

    String seal(TemporaryKey k) {
        Sealed s = new Sealed(k.accessKey(), k.secretKey(), k.userId(), k.domainId(), micros(k.issuedAt()),
                micros(k.expiresAt()), k.tokenId(), k.parentAccessKey());
        return box.seal(JSON.writeValueAsBytes(s), PURPOSE);
    }

    /** The key the token carries; empty when it is not a token this server sealed. */
    Optional<Opened> open(String token) {
        return Optional.ofNullable(opened.get(token, this::openOrNull));
    }

    private Opened openOrNull(String token) {
        try {
            Sealed s = JSON.readValue(box.open(token, PURPOSE), Sealed.class);
            TemporaryKey key = new TemporaryKey(s.ak(), s.sk(), s.uid(), s.did(), instant(s.iat()), instant(s.exp()),
                    s.tok(), s.pak());
            return new Opened(key, new SecretKeySpec(s.sk().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (IllegalArgumentException | IllegalStateException | JacksonException | NullPointerException e) {
            // Not sealed by this server (or by a master key it no longer has), or altered.
            return null;
        }
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
