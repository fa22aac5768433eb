package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.error.ApiException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadGateTest {

    @Test
    void readWhenPermitsAreTakenThenAtMostThatManyRunAtOnce() throws Exception {
        ReadGate gate = new ReadGate(2, Duration.ofSeconds(10));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<?>[] reads = new Future<?>[8];
            for (int i = 0; i < reads.length; i++) {
                reads[i] = pool.submit(() -> gate.read(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(30);
                    running.decrementAndGet();
                    return null;
                }));
            }
            for (Future<?> r : reads) {
                r.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void readWhenNoPermitFreesInTimeThenRefusedWith429() throws Exception {
        ReadGate gate = new ReadGate(1, Duration.ofMillis(50));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.read(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holder.start();
        try {
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> gate.read(() -> "never")).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(429));
        } finally {
            release.countDown();
            holder.join(5_000);
        }
        assertThat(gate.read(() -> "after")).isEqualTo("after");
    }

    @Test
    void newWhenNoPermitThenRefused() {
        assertThatThrownBy(() -> new ReadGate(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
