package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.error.ApiException;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    @Test
    void checkWhenTooShortThenWeak1118() {
        assertThatThrownBy(() -> PasswordRules.check("Ab1defg", null, null))
                .isInstanceOf(ApiException.class).hasMessageContaining("at least 8")
                .extracting(e -> ((ApiException) e).code()).isEqualTo("1118");
    }

    @Test
    void checkWhenOneKindOfCharacterThenWeak() {
        assertThatThrownBy(() -> PasswordRules.check("abcdefghijkl", null, null)).hasMessageContaining("at least 2");
        assertThatCode(() -> PasswordRules.check("abcdefgh1", null, null)).doesNotThrowAnyException();
    }

    @Test
    void checkWhenUpTo128ThenAcceptedAndOverThenWeak() {
        assertThatCode(() -> PasswordRules.check("a1".repeat(64), null, null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> PasswordRules.check("a1".repeat(64) + "x", null, null)).hasMessageContaining("at most 128");
    }

    @Test
    void checkWhenContainsEmailOrPhoneThenWeak() {
        assertThatThrownBy(() -> PasswordRules.check("X-Alice@Example.com1", "alice@example.com", null))
                .hasMessageContaining("email");
        assertThatThrownBy(() -> PasswordRules.check("pw13800000000", null, "13800000000"))
                .hasMessageContaining("mobile");
    }

    @Test
    void strengthWhenLongAndVariedThenStrongAndNoneWithoutPassword() {
        assertThat(PasswordStrength.of(null)).isEqualTo(PasswordStrength.NONE);
        assertThat(PasswordStrength.of("abcdefg1")).isEqualTo(PasswordStrength.LOW);
        assertThat(PasswordStrength.of("Abcdefgh12")).isEqualTo(PasswordStrength.MIDDLE);
        assertThat(PasswordStrength.of("Abcdefgh-123")).isEqualTo(PasswordStrength.STRONG);
    }
}
