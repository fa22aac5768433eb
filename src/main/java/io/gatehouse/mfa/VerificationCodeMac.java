package io.gatehouse.mfa;

import io.gatehouse.common.crypto.SecretBox;
import io.gatehouse.common.time.WireTime;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * What is stored instead of a verification code: HMAC-SHA256 under a random 256-bit key that is kept
 * sealed under the master key, over the verification id, the account, the user and the code. A code is
 * six digits, lives five minutes and allows five tries, so what must be prevented is recovering it from
 * a copy of the database: a plain or salted hash of a million possible values falls to brute force in
 * seconds, and so would Argon2 within the five minutes on a few GPUs, while without the master key
 * (which is not in the database) the MAC cannot be computed at all. Binding the id, account and user
 * into the MAC means a row copied to another user or id never matches. A MAC also costs microseconds,
 * so sending and checking codes never queues on the Argon2 pool that password sign-ins share.
 */
@Component
class VerificationCodeMac {

    private static final String KEY_ID = "hmac-1";
    private static final String ALGORITHM = "HmacSHA256";

    private final VerificationCodeStore store;
    private final SecretBox box;
    private final Clock clock;
    private volatile SecretKeySpec key;

    VerificationCodeMac(VerificationCodeStore store, SecretBox box, Clock clock) {
        this.store = store;
        this.box = box;
        this.clock = clock;
    }

    String mac(String verificationId, String domainId, String userId, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            String input = "gatehouse-verification-code-v1\n" + verificationId + "\n" + domainId + "\n" + userId + "\n"
                    + code;
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Loaded on first use; the first node to need it creates it, and every node reads the stored one. */
    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (key == null) {
                String purpose = "verification_code_key:" + KEY_ID;
                String sealed = store.sealedKey(KEY_ID).orElseGet(() -> {
                    byte[] fresh = new byte[32];
                    new SecureRandom().nextBytes(fresh);
                    store.insertKeyIfAbsent(KEY_ID, box.seal(fresh, purpose), WireTime.truncate(clock.instant()));
                    return store.sealedKey(KEY_ID).orElseThrow();
                });
                key = new SecretKeySpec(box.open(sealed, purpose), ALGORITHM);
            }
            return key;
        }
    }
}
