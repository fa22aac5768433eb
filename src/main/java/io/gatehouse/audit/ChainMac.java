package io.gatehouse.audit;

import io.gatehouse.common.crypto.SecretBox;
import io.gatehouse.common.time.WireTime;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The link of the operation-log chain: HMAC-SHA256 over a canonical encoding of a record's fields, its
 * place in the chain and the previous record's MAC. A plain SHA-256 would let anyone who can write to
 * the database recompute the whole chain after an edit; the MAC's key is sealed under the master key,
 * which is not in the database, so such an edit shows. The encoding is length-prefixed UTF-8 with a
 * distinct marker for null, so no two different records encode alike.
 */
@Component
class ChainMac implements SmartInitializingSingleton {

    static final String GENESIS = "0".repeat(64);
    private static final String KEY_ID = "chain-1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String DOMAIN_SEPARATOR = "gatehouse-operation-log-v1";

    private final ChainStore store;
    private final SecretBox box;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private volatile SecretKeySpec key;

    ChainMac(ChainStore store, SecretBox box, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.box = box;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Loads (or, on the very first start, creates) the key before any request or job can write. */
    @Override
    public void afterSingletonsInstantiated() {
        key();
    }

    String mac(long seq, String prevHash, OperationRecord r) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(canonical(seq, prevHash, r)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    static byte[] canonical(long seq, String prevHash, OperationRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, DOMAIN_SEPARATOR);
            out.writeLong(seq);
            text(out, prevHash);
            out.writeLong(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, r.occurredAt()));
            for (String field : new String[] {r.domainId(), r.actorId(), r.actorName(), r.sourceIp(), r.userAgent(),
                    r.operation(), r.resourceType(), r.resourceId(), r.result(), r.errorCode(), r.requestId()}) {
                text(out, field);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /**
     * Every node must use the one stored key, so it is created and read back in a transaction of its
     * own: a key cached from a transaction that then rolled back would sign a chain no other node
     * can check.
     */
    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (key == null) {
                String purpose = "audit_key:" + KEY_ID;
                String sealed = ownTransaction.execute(status -> store.sealedKey(KEY_ID).orElseGet(() -> {
                    byte[] fresh = new byte[32];
                    new SecureRandom().nextBytes(fresh);
                    store.insertKeyIfAbsent(KEY_ID, box.seal(fresh, purpose), WireTime.truncate(clock.instant()));
                    return store.sealedKey(KEY_ID).orElseThrow();
                }));
                key = new SecretKeySpec(box.open(sealed, purpose), ALGORITHM);
            }
            return key;
        }
    }
}
