package io.gatehouse.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String KEY_B = "HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

    @TempDir
    Path dir;

    private SecretBox box(String key, List<String> previous) {
        return new SecretBox(new MasterKey(new MasterKey.Settings(key, dir.resolve("k").toString(), previous)));
    }

    @Test
    void sealWhenOpenedWithSamePurposeThenSameBytesAndCiphertextHidesThem() {
        SecretBox box = box(KEY_A, List.of());
        String sealed = box.seal("secret-seed".getBytes(StandardCharsets.UTF_8), "totp:u1");

        assertThat(sealed).startsWith("v1.").doesNotContain("secret-seed");
        assertThat(new String(box.open(sealed, "totp:u1"), StandardCharsets.UTF_8)).isEqualTo("secret-seed");
        assertThat(box.seal("secret-seed".getBytes(StandardCharsets.UTF_8), "totp:u1")).isNotEqualTo(sealed);
    }

    @Test
    void openWhenPurposeDiffersOrTamperedThenRefused() {
        SecretBox box = box(KEY_A, List.of());
        String sealed = box.seal(new byte[] {1, 2, 3}, "totp:u1");

        assertThatThrownBy(() -> box.open(sealed, "totp:u2")).isInstanceOf(IllegalStateException.class);
        // Flip one bit of the decoded ciphertext: a change of base64 text alone may touch only padding bits.
        String[] parts = sealed.split("\\.");
        byte[] data = java.util.Base64.getUrlDecoder().decode(parts[2]);
        data[data.length / 2] ^= 0x01;
        String tampered = parts[0] + "." + parts[1] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(data);
        assertThatThrownBy(() -> box.open(tampered, "totp:u1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void openWhenKeyRotatedThenOldCiphertextStillOpensUnderPreviousKey() {
        String sealed = box(KEY_A, List.of()).seal(new byte[] {9}, "p");
        SecretBox rotated = box(KEY_B, List.of(KEY_A));

        assertThat(rotated.open(sealed, "p")).containsExactly(9);
        assertThat(rotated.seal(new byte[] {9}, "p").split("\\.")[1]).isNotEqualTo(sealed.split("\\.")[1]);
        assertThatThrownBy(() -> box(KEY_B, List.of()).open(sealed, "p")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void masterKeyWhenNoneConfiguredThenFileCreatedOnceAndReused() {
        MasterKey first = new MasterKey(new MasterKey.Settings(null, dir.resolve("m.key").toString(), null));
        MasterKey second = new MasterKey(new MasterKey.Settings("", dir.resolve("m.key").toString(), null));

        assertThat(dir.resolve("m.key")).exists();
        assertThat(second.currentId()).isEqualTo(first.currentId());
    }
}
