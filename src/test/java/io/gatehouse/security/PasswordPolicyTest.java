package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.error.ApiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static PasswordPolicy.Change length(Number n) {
        return new PasswordPolicy.Change(null, n, null, null, null, null, null);
    }

    @Test
    void withWhenOnlyOneFieldSentThenOthersKept() {
        PasswordPolicy start = new PasswordPolicy(3, 10, 2, 5, false, 30, 60);

        PasswordPolicy next = start.with(length(12));

        assertThat(next).isEqualTo(new PasswordPolicy(3, 12, 2, 5, false, 30, 60));
    }

    @Test
    void withWhenValueOutsideRangeOrFractionalThenIam0073NamingField() {
        assertThatThrownBy(() -> PasswordPolicy.DEFAULT.with(length(7)))
                .isInstanceOf(ApiException.class).hasMessageContaining("password_policy.minimum_password_length")
                .hasMessageContaining("from 8 to 32")
                .extracting(e -> ((ApiException) e).code()).isEqualTo("IAM.0073");
        assertThatThrownBy(() -> PasswordPolicy.DEFAULT.with(length(33))).hasMessageContaining("from 8 to 32");
        assertThatThrownBy(() -> PasswordPolicy.DEFAULT.with(length(8.5))).hasMessageContaining("integer");
        assertThatThrownBy(() -> PasswordPolicy.DEFAULT.with(length(8.0))).hasMessageContaining("integer");
        assertThatThrownBy(() -> PasswordPolicy.DEFAULT.with(length(new BigInteger("100000000000000000000"))))
                .hasMessageContaining("from 8 to 32");
        assertThat(PasswordPolicy.DEFAULT.with(length(new BigDecimal("9"))).minimumPasswordLength()).isEqualTo(9);
        assertThat(PasswordPolicy.DEFAULT.with(length(32L)).minimumPasswordLength()).isEqualTo(32);
    }

    @Test
    void withWhenMinimumAgeNotShorterThanValidityThenRefused() {
        assertThatThrownBy(() -> PasswordPolicy.DEFAULT.with(
                new PasswordPolicy.Change(null, null, null, null, null, 1, 1440)))
                .hasMessageContaining("minimum_password_age");
        assertThat(PasswordPolicy.DEFAULT.with(new PasswordPolicy.Change(null, null, null, null, null, 1, 1439))
                .minimumPasswordAge()).isEqualTo(1439);
        assertThat(PasswordPolicy.DEFAULT.with(new PasswordPolicy.Change(null, null, null, null, null, 0, 1440))
                .minimumPasswordAge()).isEqualTo(1440);
    }

    @Test
    void expiresAtWhenValidityOffThenNullElseDaysLater() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(PasswordPolicy.DEFAULT.expiresAt(t)).isNull();
        assertThat(new PasswordPolicy(2, 8, 0, 1, true, 90, 0).expiresAt(t)).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void regexWhenCombinationTwoToFourThenMatchesExactlyThePasswordsWithThatManyKinds() {
        for (int kinds = 2; kinds <= 4; kinds++) {
            Pattern p = Pattern.compile(new PasswordPolicy(kinds, 10, 0, 1, true, 0, 0).regex());
            for (String candidate : new String[] {"abcdefghij", "ABCDEFGHIJ", "0123456789", "!@#$%^&*()", "abcdefghi1",
                    "ABCDEFGHI!", "abcdeFGHI1", "abcdeFGHI!", "abcdeFGH1!", "abcdFGH1!", "abcdeFGH1!" + "x".repeat(118)}) {
                boolean expected = CharacterKinds.count(candidate) >= kinds && candidate.length() >= 10
                        && candidate.length() <= 128;
                assertThat(p.matcher(candidate).matches()).as(kinds + " kinds: " + candidate).isEqualTo(expected);
            }
        }
    }

    @Test
    void requirementsWhenRulesOnThenDescribesEachOne() {
        String text = new PasswordPolicy(3, 12, 2, 5, true, 90, 60).requirements();

        assertThat(text).contains("12 to 128 characters", "at least 3 of", "more than 2 times", "user name reversed",
                "last 5 passwords", "commonly used", "every 60 minutes", "90 days");
        assertThat(PasswordPolicy.DEFAULT.requirements()).contains("8 to 128", "at least 2 of", "current password")
                .doesNotContain("expires", "in a row");
    }
}
