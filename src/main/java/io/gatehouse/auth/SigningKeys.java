package io.gatehouse.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.gatehouse.common.Ids;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import io.gatehouse.common.crypto.SecretBox;
import io.gatehouse.common.time.WireTime;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign tokens: Ed25519 ({@code alg: EdDSA}). Signing happens at every sign-in, and
 * Ed25519 signs in a tenth of the time of ES256 on Java 17 (see {@link Ed25519JwsSigner}). Keys made
 * by earlier versions as ECDSA P-256 (ES256) or RSA (RS256) still verify until they retire, and a node
 * that finds such a key as the newest adds an Ed25519 key at once. The newest key signs; every key
 * still within its retirement time verifies. A key signs for one rotation period, then stays published
 * for one token lifetime more. Private keys are stored sealed under the master key; all nodes load
 * them from the database and reload when any node adds one.
 */
@Component
class SigningKeys implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String PURPOSE = "signing_key";
    private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.EdDSA;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeyStore store;
    private final SecretBox secrets;
    private final ChangeFeed changes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration rotation;
    private final Duration tokenLifetime;
    private volatile Active active;
    private volatile Map<String, JWSVerifier> verifiers = Map.of();
    private volatile JWKSet publicKeys = new JWKSet();
    private volatile long lastMissReload;

    SigningKeys(SigningKeyStore store, SecretBox secrets, ChangeFeed changes, PlatformTransactionManager transactions,
            Clock clock, @Value("${gatehouse.token.key-rotation:30d}") Duration rotation,
            @Value("${gatehouse.token.lifetime:24h}") Duration tokenLifetime) {
        this.store = store;
        this.secrets = secrets;
        this.changes = changes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.rotation = rotation;
        this.tokenLifetime = tokenLifetime;
        rotateIfDue();
        reload();
    }

    record Active(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
    }

    Active active() {
        return active;
    }

    JWSVerifier verifier(String kid) {
        if (kid == null) {
            return null;
        }
        JWSVerifier verifier = verifiers.get(kid);
        if (verifier == null && clock.millis() - lastMissReload > 1000) {
            // Another node may have just added this key; the change feed would tell us within a poll.
            lastMissReload = clock.millis();
            reload();
            verifier = verifiers.get(kid);
        }
        return verifier;
    }

    JWKSet publicKeys() {
        return publicKeys;
    }

    /** Adds a new signing key when the newest one has signed for a whole rotation period. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void rotateIfDue() {
        Instant now = clock.instant();
        boolean due = store.newest()
                .map(k -> !k.createdAt().plus(rotation).isAfter(now) || !ALGORITHM.getName().equals(k.algorithm()))
                .orElse(true);
        if (!due) {
            return;
        }
        String kid = Ids.newId();
        OctetKeyPair key = newKey(kid);
        tx.executeWithoutResult(status -> {
            store.insert(new SigningKeyStore.Row(kid, ALGORITHM.getName(), key.toPublicJWK().toJSONString(),
                    secrets.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), PURPOSE + ":" + kid),
                    WireTime.truncate(now), WireTime.truncate(now.plus(rotation).plus(tokenLifetime))));
            changes.publish(ChangeKind.SIGNING_KEY_CHANGED, kid);
        });
        log.info("Added token signing key {}", kid);
    }

    private static OctetKeyPair newKey(String kid) {
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(RANDOM);
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(privateKey.generatePublicKey().getEncoded()))
                .d(Base64URL.encode(privateKey.getEncoded())).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .algorithm(ALGORITHM).build();
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        if (kind == ChangeKind.SIGNING_KEY_CHANGED && verifiers.get(subject) == null) {
            reload();
        }
    }

    private synchronized void reload() {
        List<SigningKeyStore.Row> rows = store.usable(clock.instant());
        try {
            Map<String, JWK> keys = new java.util.LinkedHashMap<>();
            for (SigningKeyStore.Row row : rows) {
                keys.put(row.kid(), JWK.parse(row.publicKey()));
            }
            Map<String, JWSVerifier> byKid = keys.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> verifierOf(e.getValue())));
            SigningKeyStore.Row newest = rows.stream().max(Comparator.comparing(SigningKeyStore.Row::createdAt))
                    .orElseThrow(() -> new IllegalStateException("No signing key"));
            JWK privateKey = JWK.parse(new String(secrets.open(newest.privateKeyEnc(), PURPOSE + ":" + newest.kid()),
                    StandardCharsets.UTF_8));
            this.verifiers = byKid;
            this.publicKeys = new JWKSet(List.copyOf(keys.values()));
            this.active = signerOf(newest.kid(), privateKey);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Cannot load the signing keys", e);
        }
    }

    private static Active signerOf(String kid, JWK privateKey) throws JOSEException {
        if (privateKey instanceof OctetKeyPair okp) {
            return new Active(kid, JWSAlgorithm.EdDSA, new Ed25519JwsSigner(okp));
        }
        if (privateKey instanceof ECKey ec) {
            return new Active(kid, JWSAlgorithm.ES256, new ECDSASigner(ec));
        }
        return new Active(kid, JWSAlgorithm.RS256, new RSASSASigner(privateKey.toRSAKey()));
    }

    private static JWSVerifier verifierOf(JWK key) {
        try {
            if (key instanceof OctetKeyPair okp) {
                return new Ed25519JwsVerifier(okp);
            }
            return key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier(key.toRSAKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

}
