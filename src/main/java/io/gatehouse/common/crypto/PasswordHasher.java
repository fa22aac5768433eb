package io.gatehouse.common.crypto;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.gatehouse.common.error.IamError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashing through the native reference implementation (argon2-jvm). Hashes run on
 * a bounded pool of their own, so a flood of sign-ins queues there and cannot starve the request
 * threads that validate tokens; past the queue, callers are refused with 429. The parameters are
 * written into each hash, so hashes made under older parameters still verify, and
 * {@link #needsRehash} tells when to upgrade one.
 */
@Component
@EnableConfigurationProperties(PasswordHasher.Settings.class)
public class PasswordHasher {

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
    private final Settings settings;
    private final ThreadPoolExecutor pool;
    private final Timer hashTimer;
    /** Verified when no such user exists, so that an unknown name costs the same time as a wrong password. */
    private final String decoy;
    /** The parameter part of a hash made with the current settings: {@code $argon2id$v=19$m=19456,t=2,p=1$}. */
    private final String currentParameters;

    public PasswordHasher(Settings settings, MeterRegistry meters) {
        this.settings = settings;
        int threads = settings.threads() > 0 ? settings.threads() : Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queue()), r -> {
                    Thread t = new Thread(r, "argon2-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.hashTimer = Timer.builder("gatehouse.password.hash").description("Argon2id hash and verify time")
                .register(meters);
        this.decoy = hashNow(Long.toHexString(System.nanoTime()) + "-decoy");
        this.currentParameters = parameters(decoy);
    }

    public String hash(String password) {
        return run(() -> hashNow(password));
    }

    public boolean verify(String encodedHash, String password) {
        String target = encodedHash == null ? decoy : encodedHash;
        boolean ok = run(() -> verifyNow(target, password));
        return ok && encodedHash != null;
    }

    /**
     * Whether the hash was made with other parameters than the current ones. Asked at every sign-in, and
     * almost every hash has the current parameters: those are told by their text, and only the others go to
     * the library, which matches a regular expression each time.
     */
    public boolean needsRehash(String encodedHash) {
        if (currentParameters != null && encodedHash != null && encodedHash.startsWith(currentParameters)) {
            return false;
        }
        return argon2.needsRehash(encodedHash, settings.iterations(), settings.memoryKib(), settings.parallelism());
    }

    /** The encoded hash up to the salt ({@code $argon2id$v=19$m=..,t=..,p=..$}), or null if it has no such part. */
    static String parameters(String encodedHash) {
        int end = -1;
        for (int i = 0; i < 4; i++) {
            end = encodedHash.indexOf('$', end + 1);
            if (end < 0) {
                return null;
            }
        }
        return encodedHash.substring(0, end + 1);
    }

    /** Hashes on the calling thread; for benchmarks and start-up, not for request threads. */
    public String hashNow(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            return hashTimer.record(() -> argon2.hash(settings.iterations(), settings.memoryKib(),
                    settings.parallelism(), bytes));
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private boolean verifyNow(String encodedHash, String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            Boolean ok = hashTimer.record(() -> argon2.verify(encodedHash, bytes));
            return ok != null && ok;
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private <T> T run(Callable<T> task) {
        Future<T> future;
        try {
            future = pool.submit(task);
        } catch (RejectedExecutionException busy) {
            throw IamError.THROTTLED.exception("password hashing queue is full");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("Interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Password hashing failed", e.getCause());
        }
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
    }

    /** Defaults are the OWASP minimum for Argon2id: m=19 MiB, t=2, p=1. */
    @ConfigurationProperties("gatehouse.password.argon2")
    public record Settings(int memoryKib, int iterations, int parallelism, int threads, int queue) {
        public Settings {
            memoryKib = memoryKib <= 0 ? 19456 : memoryKib;
            iterations = iterations <= 0 ? 2 : iterations;
            parallelism = parallelism <= 0 ? 1 : parallelism;
            queue = queue <= 0 ? 512 : queue;
        }
    }
}
