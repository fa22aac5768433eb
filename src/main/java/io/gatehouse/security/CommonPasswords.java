package io.gatehouse.security;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * The passwords everyone tries first, refused whatever the account's policy says. The list (zxcvbn's,
 * see {@code security/README.md}) is held in a Bloom filter: no password is missed, and a password
 * that is not on the list is refused by mistake with a probability of one in a million.
 * Comparison ignores case.
 */
@Component
public class CommonPasswords {

    static final String RESOURCE = "/security/common-passwords.txt.gz";
    private static final double FALSE_POSITIVES = 1e-6;

    private final BloomFilter<CharSequence> filter;
    private final int size;

    public CommonPasswords() {
        this(RESOURCE);
    }

    CommonPasswords(String resource) {
        java.util.List<String> words = read(resource);
        this.size = words.size();
        this.filter = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), Math.max(size, 1),
                FALSE_POSITIVES);
        words.forEach(filter::put);
    }

    public boolean contains(String password) {
        return filter.mightContain(password.toLowerCase(Locale.ROOT));
    }

    /** How many passwords the list holds. */
    public int size() {
        return size;
    }

    private static java.util.List<String> read(String resource) {
        InputStream raw = CommonPasswords.class.getResourceAsStream(resource);
        if (raw == null) {
            throw new IllegalStateException("The list of common passwords is missing: " + resource);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                StandardCharsets.UTF_8))) {
            return in.lines().map(String::strip).filter(line -> !line.isEmpty())
                    .map(line -> line.toLowerCase(Locale.ROOT)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }
}
