package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordStrengthTest {

    @Test
    void ofWhenLongAndVariedThenStrongAndNoneWithoutPassword() {
        assertThat(PasswordStrength.of(null)).isEqualTo(PasswordStrength.NONE);
        assertThat(PasswordStrength.of("abcdefg1")).isEqualTo(PasswordStrength.LOW);
        assertThat(PasswordStrength.of("Abcdefgh12")).isEqualTo(PasswordStrength.MIDDLE);
        assertThat(PasswordStrength.of("Abcdefgh-123")).isEqualTo(PasswordStrength.STRONG);
    }
}
