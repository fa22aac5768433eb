package io.gatehouse.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) over java-otp's HOTP (RFC 4226). The codes of virtual
 * MFA devices are {@link #VIRTUAL_MFA}: HMAC-SHA1, 6 digits, 30-second steps from the Unix epoch.
 * Passcodes are compared in constant time. Whether a step was already used is not this class's
 * concern: {@link VirtualMfaService} keeps that in the database.
 */
final class Totp {

    static final Totp VIRTUAL_MFA = new Totp(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1, 6,
            Duration.ofSeconds(30));

    private final TimeBasedOneTimePasswordGenerator generator;
    private final String algorithm;
    private final int digits;
    private final long stepSeconds;

    Totp(String algorithm, int digits, Duration step) {
        this.generator = new TimeBasedOneTimePasswordGenerator(step, digits, algorithm);
        this.algorithm = algorithm;
        this.digits = digits;
        this.stepSeconds = step.toSeconds();
    }

    /** The time step (counter) that {@code time} falls in. */
    long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), stepSeconds);
    }

    /** The code of {@code step}, zero-padded to the number of digits. */
    String code(byte[] seed, long step) {
        try {
            int value = generator.generateOneTimePassword(new SecretKeySpec(seed, algorithm),
                    Instant.ofEpochSecond(step * stepSeconds));
            return String.format(Locale.ROOT, "%0" + digits + "d", value);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("Unusable TOTP seed", e);
        }
    }

    /**
     * The latest step in {@code [from, to]} whose code equals {@code passcode}, if any. Every step of
     * the window is computed and compared, so the time taken does not depend on which one matched.
     */
    OptionalLong match(byte[] seed, String passcode, long from, long to) {
        if (!wellFormed(passcode)) {
            return OptionalLong.empty();
        }
        byte[] given = passcode.getBytes(StandardCharsets.US_ASCII);
        long matched = Long.MIN_VALUE;
        for (long step = from; step <= to; step++) {
            if (MessageDigest.isEqual(code(seed, step).getBytes(StandardCharsets.US_ASCII), given)) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * The step of {@code second} when {@code first} and {@code second} are the codes of two consecutive
     * steps and the second lies in {@code [from, to]}; empty otherwise. Constant time over the window.
     */
    OptionalLong matchConsecutive(byte[] seed, String first, String second, long from, long to) {
        if (!wellFormed(first) || !wellFormed(second)) {
            return OptionalLong.empty();
        }
        byte[] givenFirst = first.getBytes(StandardCharsets.US_ASCII);
        byte[] givenSecond = second.getBytes(StandardCharsets.US_ASCII);
        long matched = Long.MIN_VALUE;
        for (long step = from; step <= to; step++) {
            boolean firstOk = MessageDigest.isEqual(code(seed, step - 1).getBytes(StandardCharsets.US_ASCII), givenFirst);
            boolean secondOk = MessageDigest.isEqual(code(seed, step).getBytes(StandardCharsets.US_ASCII), givenSecond);
            if (firstOk & secondOk) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** Exactly the configured number of ASCII digits. */
    boolean wellFormed(String passcode) {
        if (passcode == null || passcode.length() != digits) {
            return false;
        }
        for (int i = 0; i < passcode.length(); i++) {
            char c = passcode.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
