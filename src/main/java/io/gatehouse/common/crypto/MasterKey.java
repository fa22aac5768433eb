package io.gatehouse.common.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The AES-256 master key that encrypts secrets at rest, held outside the database: from
 * {@code GATEHOUSE_MASTER_KEY} (base64), or else from a key file that the first start creates.
 * Each key is known by an id derived from it, written into every ciphertext, so that keys can be
 * rotated: the current key encrypts, and the previous keys still decrypt.
 */
@Component
@EnableConfigurationProperties(MasterKey.Settings.class)
public class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    public MasterKey(Settings settings) {
        byte[] current = settings.key() != null && !settings.key().isBlank()
                ? decode(settings.key())
                : loadOrCreate(Path.of(settings.keyFile()));
        this.currentId = idOf(current);
        keys.put(currentId, new SecretKeySpec(current, "AES"));
        for (String previous : settings.previousKeys()) {
            byte[] bytes = decode(previous);
            keys.putIfAbsent(idOf(bytes), new SecretKeySpec(bytes, "AES"));
        }
    }

    public String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    SecretKey byId(String id) {
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("Master key " + id + " is not configured");
        }
        return key;
    }

    private static byte[] decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 32) {
            throw new IllegalArgumentException("A master key must be 32 bytes, base64-encoded");
        }
        return bytes;
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                log.warn("Cannot restrict permissions of {}", file);
            }
            log.info("Created a new master key in {}; keep it with the database backups", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ConfigurationProperties("gatehouse.master-key")
    public record Settings(String key, String keyFile, List<String> previousKeys) {
        public Settings {
            keyFile = keyFile == null ? "./data/master.key" : keyFile;
            previousKeys = previousKeys == null ? List.of() : previousKeys;
        }
    }
}
