import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Raw Argon2id hash rate, for comparison with Gatehouse's password sign-in rate. Not part of the
 * server. It uses the same library and settings as Gatehouse's PasswordHasher (argon2-jvm, Argon2id,
 * 16-byte salt, 32-byte hash) and hashes on THREADS threads in parallel (Gatehouse hashes on a pool of
 * one thread per core), first for WARMUP seconds (discarded), then for SECONDS seconds.
 *
 * <pre>
 *   java -cp 'lib/*' bench/argon2/Argon2Rate.java MEMORY_KIB ITERATIONS PARALLELISM THREADS SECONDS [WARMUP]
 * </pre>
 *
 * Prints one line: {@code ARGON2 m=.. t=.. p=.. threads=.. seconds=.. hashes=.. rate=.. ms_per_hash=.. cpu_cores=..},
 * where cpu_cores is the CPU time the hashing threads got divided by the window: 2.00 means two
 * threads had two cores to themselves; less means other processes took CPU from them.
 */
public final class Argon2Rate {

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: Argon2Rate MEMORY_KIB ITERATIONS PARALLELISM THREADS SECONDS [WARMUP]");
            System.exit(2);
        }
        int memoryKib = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        int parallelism = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        double warmup = args.length > 5 ? Double.parseDouble(args[5]) : 2;
        if (threads < 1 || seconds <= 0 || seconds > 600 || warmup < 0 || warmup > 600) {
            throw new IllegalArgumentException("threads >= 1, 0 < seconds <= 600, 0 <= warmup <= 600");
        }
        Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);

        run(argon2, memoryKib, iterations, parallelism, threads, warmup);
        long[] counts = run(argon2, memoryKib, iterations, parallelism, threads, seconds);
        long total = 0;
        long cpuNanos = 0;
        for (int i = 0; i < threads; i++) {
            total += counts[i];
            cpuNanos += counts[threads + 1 + i];
        }
        double elapsed = counts[threads] / 1e9;
        double rate = total / elapsed;
        System.out.printf(Locale.ROOT,
                "ARGON2 m=%d t=%d p=%d threads=%d seconds=%.2f hashes=%d rate=%.2f ms_per_hash=%.1f cpu_cores=%.2f%n",
                memoryKib, iterations, parallelism, threads, elapsed, total, rate, 1000.0 * threads / rate,
                cpuNanos / 1e9 / elapsed);
    }

    /**
     * Hashes on {@code threads} threads until {@code seconds} have passed. Returns the hashes of each
     * thread, then the elapsed ns, then the CPU ns of each thread.
     */
    private static long[] run(Argon2 argon2, int m, int t, int p, int threads, double seconds) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] result = new long[2 * threads + 1];
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int slot = i;
            Thread w = new Thread(() -> {
                byte[] password = ("Bench-password-" + slot).getBytes(StandardCharsets.UTF_8);
                long n = 0;
                long cpu0 = mx.getCurrentThreadCpuTime();
                while (!stop.get()) {
                    argon2.hash(t, m, p, password);
                    n++;
                }
                result[threads + 1 + slot] = mx.getCurrentThreadCpuTime() - cpu0;
                result[slot] = n;
            }, "argon2-bench-" + i);
            workers.add(w);
        }
        long start = System.nanoTime();
        for (Thread w : workers) {
            w.start();
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        // Every thread finishes the hash it is on, so the window ends when the last one stops.
        result[threads] = System.nanoTime() - start;
        return result;
    }
}
