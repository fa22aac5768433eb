package io.gatehouse.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Which hashes need a rehash: those made with weaker parameters than the current settings. */
class PasswordHasherTest {

    private final PasswordHasher current = hasher(1024, 2);

    @Test
    void needsRehashWhenTheHashHasTheCurrentParametersThenFalse() {
        assertThat(current.needsRehash(current.hashNow("Correct-Horse-1"))).isFalse();
    }

    @Test
    void needsRehashWhenTheHashHasFewerIterationsOrLessMemoryThenTrue() {
        assertThat(current.needsRehash(hasher(1024, 1).hashNow("Correct-Horse-1"))).isTrue();
        // The current m=10240 begins with the hash's m=1024: the whole parameter part must match, not a prefix.
        assertThat(hasher(10240, 2).needsRehash(current.hashNow("Correct-Horse-1"))).isTrue();
    }

    @Test
    void needsRehashWhenTheHashIsStrongerThanTheCurrentSettingsThenFalse() {
        assertThat(current.needsRehash(hasher(2048, 3).hashNow("Correct-Horse-1"))).isFalse();
    }

    @Test
    void parametersWhenTheHashIsEncodedThenThePartBeforeTheSalt() {
        assertThat(PasswordHasher.parameters("$argon2id$v=19$m=1024,t=2,p=1$c2FsdA$aGFzaA"))
                .isEqualTo("$argon2id$v=19$m=1024,t=2,p=1$");
        assertThat(PasswordHasher.parameters("not-a-hash")).isNull();
        assertThat(PasswordHasher.parameters("$argon2id$v=19")).isNull();
    }

    private static PasswordHasher hasher(int memoryKib, int iterations) {
        return new PasswordHasher(new PasswordHasher.Settings(memoryKib, iterations, 1, 1, 4), new SimpleMeterRegistry());
    }
}
