package io.gatehouse.testsupport;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * What an authenticator app shows for a base32 seed (HMAC-SHA1, 6 digits, 30 s steps), computed here
 * without Gatehouse's own TOTP code, so that tests can play the user's phone at any step.
 */
public final class TotpCodes {

    private static final HmacOneTimePasswordGenerator HOTP = new HmacOneTimePasswordGenerator(6);

    private TotpCodes() {
    }

    public static long currentStep() {
        return Instant.now().getEpochSecond() / 30;
    }

    public static String code(String base32Seed, long step) {
        try {
            int value = HOTP.generateOneTimePassword(new SecretKeySpec(new Base32().decode(base32Seed), "HmacSHA1"),
                    step);
            return String.format(Locale.ROOT, "%06d", value);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits, if needed, until at least {@code seconds} remain in the current step, so that codes computed
     * now for "the current step" and its neighbours mean the same steps when the server checks them.
     * Returns that step.
     */
    public static long awaitStepWithAtLeast(int seconds) {
        long leftMillis = 30_000 - Instant.now().toEpochMilli() % 30_000;
        if (leftMillis < seconds * 1000L) {
            try {
                Thread.sleep(leftMillis + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return currentStep();
    }
}
