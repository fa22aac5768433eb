package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPasswordsTest {

    private static final CommonPasswords LIST = new CommonPasswords();

    @Test
    void containsWhenWellKnownPasswordInAnyCaseThenTrue() {
        assertThat(LIST.contains("password1")).isTrue();
        assertThat(LIST.contains("Passw0rd")).isTrue();
        assertThat(LIST.contains("QWERTY123")).isTrue();
        assertThat(LIST.contains("admin123")).isTrue();
    }

    @Test
    void containsWhenRandomPasswordThenFalse() {
        assertThat(LIST.contains("Tq7-vLp2-xZr9")).isFalse();
        assertThat(LIST.contains("User-Pass-1234")).isFalse();
    }

    @Test
    void sizeWhenLoadedThenAtLeastTenThousand() {
        assertThat(LIST.size()).isGreaterThanOrEqualTo(10_000);
    }
}
