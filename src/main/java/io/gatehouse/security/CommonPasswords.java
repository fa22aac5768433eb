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
 * Comparison ignores case. The filter is built on a thread of its own while the rest of the server
 * starts, which keeps it off the start-up path; a check that comes first waits for it.
 */
@Component
public class CommonPasswords {

    static final String RESOURCE = "/security/common-passwords.txt.gz";
    private static final double FALSE_POSITIVES = 1e-6;

    private final java.util.concurrent.CompletableFuture<Loaded> loaded;

    private record Loaded(BloomFilter<CharSequence> filter, int size) {
    }

    public CommonPasswords() {
        this(RESOURCE);
    }

    CommonPasswords(String resource) {
        this.loaded = java.util.concurrent.CompletableFuture.supplyAsync(() -> load(resource), runnable -> {
            Thread thread = new Thread(runnable, "common-passwords");
            thread.setDaemon(true);
            thread.start();
        });
    }

    public boolean contains(String password) {
        return loaded.join().filter().mightContain(password.toLowerCase(Locale.ROOT));
    }

    /** How many passwords the list holds. */
    public int size() {
        return loaded.join().size();
    }

    private static Loaded load(String resource) {
        java.util.List<String> words = read(resource);
        BloomFilter<CharSequence> filter = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8),
                Math.max(words.size(), 1), FALSE_POSITIVES);
        words.forEach(filter::put);
        return new Loaded(filter, words.size());
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
