package io.gatehouse.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.user.AccessMode;
import io.gatehouse.user.PasswordStrength;
import io.gatehouse.user.User;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where a code goes and how the answer shows it: E.164 numbers, masked addresses, rendered texts. */
class VerificationCodeDestinationTest {

    @Test
    void destinationWhenAreacodeWrittenAnyHuaweiWayThenE164() {
        assertThat(VerificationCodeService.destination(user(null, "0086", "13812345678"), VerificationMethod.SMS))
                .isEqualTo("+8613812345678");
        assertThat(VerificationCodeService.destination(user(null, "+86", "13812345678"), VerificationMethod.SMS))
                .isEqualTo("+8613812345678");
        assertThat(VerificationCodeService.destination(user(null, "49", "1701234567"), VerificationMethod.SMS))
                .isEqualTo("+491701234567");
        assertThat(VerificationCodeService.destination(user(null, "", "13812345678"), VerificationMethod.SMS))
                .isEqualTo("13812345678");
    }

    @Test
    void destinationWhenNoContactThenNull() {
        assertThat(VerificationCodeService.destination(user(null, null, null), VerificationMethod.SMS)).isNull();
        assertThat(VerificationCodeService.destination(user(null, null, null), VerificationMethod.EMAIL)).isNull();
    }

    @Test
    void maskedWhenEmailThenFirstCharacterAndDomainOnly() {
        assertThat(VerificationCodeService.masked(user("alice.smith@example.com", null, null), VerificationMethod.EMAIL))
                .isEqualTo("a***@example.com");
        assertThat(VerificationCodeService.masked(user("x@example.com", null, null), VerificationMethod.EMAIL))
                .isEqualTo("x***@example.com");
    }

    @Test
    void maskedWhenPhoneThenMiddleHiddenAndShortNumbersMostlyHidden() {
        assertThat(VerificationCodeService.masked(user(null, "0086", "13812345678"), VerificationMethod.SMS))
                .isEqualTo("+86 138****5678");
        assertThat(VerificationCodeService.masked(user(null, "", "1234567"), VerificationMethod.SMS))
                .isEqualTo("****67");
    }

    @Test
    void renderWhenTemplateHasPlaceholdersThenFilledEverywhere() {
        VerificationCodeMessage m = new VerificationCodeMessage("042917", "+8613812345678", "alice", "acme",
                new ClientInfo("203.0.113.5", "curl/8.5.0", "r"), Instant.parse("2026-11-22T13:08:04Z"),
                Duration.ofMinutes(5), VerificationCodeMessage.Purpose.SIGN_IN);

        assertThat(SmsCodeSender.render("{code} is your code ({minutes} min). Again: {code}", m))
                .isEqualTo("042917 is your code (5 min). Again: 042917");
        assertThat(m.toString()).doesNotContain("042917");
    }

    @Test
    void emailTextWhenClientKnownThenSaysCodeWhereAndWhen() {
        VerificationCodeMessage m = new VerificationCodeMessage("042917", "alice@example.com", "alice", "acme",
                new ClientInfo("203.0.113.5", "curl/8.5.0", "r"), Instant.parse("2026-11-22T13:08:04Z"),
                Duration.ofMinutes(5), VerificationCodeMessage.Purpose.SIGN_IN);

        assertThat(EmailCodeSender.text(m)).contains("    042917\n").contains("account acme")
                .contains("at:          2026-11-22 13:08:04 UTC").contains("from IP:     203.0.113.5")
                .contains("user agent:  curl/8.5.0").contains("valid for 5 minutes");
        assertThat(EmailCodeSender.text(new VerificationCodeMessage("042917", "a@b.c", "alice", "acme",
                new ClientInfo(null, null, null), Instant.EPOCH, Duration.ofMinutes(5),
                VerificationCodeMessage.Purpose.SIGN_IN)))
                .contains("from IP:     unknown").contains("user agent:  unknown");
    }

    @Test
    void emailWhenOperationVerificationThenSubjectAndTextSayOperationNotSignIn() {
        VerificationCodeMessage m = new VerificationCodeMessage("042917", "alice@example.com", "alice", "acme",
                new ClientInfo("203.0.113.5", "curl/8.5.0", "r"), Instant.parse("2026-11-22T13:08:04Z"),
                Duration.ofMinutes(5), VerificationCodeMessage.Purpose.OPERATION);

        assertThat(EmailCodeSender.subject(m)).containsIgnoringCase("operation").doesNotContain("sign-in");
        assertThat(EmailCodeSender.text(m)).contains("    042917\n").contains("protected operation")
                .contains("account acme").contains("from IP:     203.0.113.5").doesNotContain("signing in");
        assertThat(EmailCodeSender.subject(new VerificationCodeMessage("042917", "a@b.c", "alice", "acme",
                new ClientInfo(null, null, null), Instant.EPOCH, Duration.ofMinutes(5),
                VerificationCodeMessage.Purpose.SIGN_IN))).isEqualTo("Your sign-in verification code");
    }

    private static User user(String email, String areacode, String phone) {
        return new User("u", "d", "alice", null, email, areacode, phone, true, false, AccessMode.DEFAULT, null, null,
                null, false, PasswordStrength.NONE, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH,
                null, null, 0);
    }
}
