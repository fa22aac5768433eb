package io.gatehouse.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP against the published vectors of RFC 6238 (appendix B) and RFC 4226 (appendix D). */
class TotpTest {

    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 = ("1234567890".repeat(6) + "1234").getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "t={0}")
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void codeWhenRfc6238VectorThenSameEightDigits(long time, String sha1, String sha256, String sha512) {
        assertThat(code("HmacSHA1", SEED_SHA1, time)).isEqualTo(sha1);
        assertThat(code("HmacSHA256", SEED_SHA256, time)).isEqualTo(sha256);
        assertThat(code("HmacSHA512", SEED_SHA512, time)).isEqualTo(sha512);
    }

    @Test
    void codeWhenRfc4226CountersThenSameSixDigitHotpValues() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
                "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            // A TOTP step is the HOTP counter.
            assertThat(Totp.VIRTUAL_MFA.code(SEED_SHA1, counter)).as("counter %d", counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void stepWhenTimesOnEitherSideOfABoundaryThenThirtySecondSteps() {
        assertThat(Totp.VIRTUAL_MFA.step(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(Totp.VIRTUAL_MFA.step(Instant.ofEpochSecond(60))).isEqualTo(2);
        assertThat(Totp.VIRTUAL_MFA.step(Instant.ofEpochSecond(1111111109))).isEqualTo(0x23523EC);
    }

    @Test
    void matchWhenCodeOfAStepInTheWindowThenThatStep() {
        long now = 1_000_000;
        String previous = Totp.VIRTUAL_MFA.code(SEED_SHA1, now - 1);

        OptionalLong matched = Totp.VIRTUAL_MFA.match(SEED_SHA1, previous, now - 1, now + 1);

        assertThat(matched).hasValue(now - 1);
    }

    @Test
    void matchWhenCodeOfAStepOutsideTheWindowThenEmpty() {
        long now = 1_000_000;

        assertThat(Totp.VIRTUAL_MFA.match(SEED_SHA1, Totp.VIRTUAL_MFA.code(SEED_SHA1, now - 2), now - 1, now + 1))
                .isEmpty();
        assertThat(Totp.VIRTUAL_MFA.match(SEED_SHA1, Totp.VIRTUAL_MFA.code(SEED_SHA1, now + 2), now - 1, now + 1))
                .isEmpty();
    }

    @Test
    void matchWhenMalformedPasscodeThenEmpty() {
        String good = Totp.VIRTUAL_MFA.code(SEED_SHA1, 7);

        assertThat(Totp.VIRTUAL_MFA.match(SEED_SHA1, null, 6, 8)).isEmpty();
        assertThat(Totp.VIRTUAL_MFA.match(SEED_SHA1, good + "0", 6, 8)).isEmpty();
        assertThat(Totp.VIRTUAL_MFA.match(SEED_SHA1, " " + good.substring(1), 6, 8)).isEmpty();
        assertThat(Totp.VIRTUAL_MFA.match(SEED_SHA1, "٠".repeat(6), 6, 8)).isEmpty();
    }

    @Test
    void matchConsecutiveWhenCodesOfTwoNeighbouringStepsThenStepOfTheSecond() {
        String first = Totp.VIRTUAL_MFA.code(SEED_SHA1, 99);
        String second = Totp.VIRTUAL_MFA.code(SEED_SHA1, 100);

        assertThat(Totp.VIRTUAL_MFA.matchConsecutive(SEED_SHA1, first, second, 99, 101)).hasValue(100);
        assertThat(Totp.VIRTUAL_MFA.matchConsecutive(SEED_SHA1, second, first, 99, 101)).isEmpty();
        assertThat(Totp.VIRTUAL_MFA.matchConsecutive(SEED_SHA1, first, Totp.VIRTUAL_MFA.code(SEED_SHA1, 101), 99, 101))
                .isEmpty();
        assertThat(Totp.VIRTUAL_MFA.matchConsecutive(SEED_SHA1, first, second, 101, 103)).isEmpty();
    }

    private static String code(String algorithm, byte[] seed, long time) {
        Totp totp = new Totp(algorithm, 8, Duration.ofSeconds(30));
        return totp.code(seed, totp.step(Instant.ofEpochSecond(time)));
    }
}
