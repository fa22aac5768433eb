package io.gatehouse.credential;

import io.gatehouse.common.time.WireTime;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code last_use_time} of permanent access keys current without a write per request: each use
 * only notes the time in a per-node map, and the map is written every few seconds
 * ({@code gatehouse.credential.last-use-flush-interval}, 5 s) and at shutdown, as one batched statement.
 * A node that dies loses at most one interval of notes.
 */
@Component
class LastUseRecorder {

    private static final Logger log = LoggerFactory.getLogger(LastUseRecorder.class);

    private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();
    private final AccessKeyStore store;
    private final Clock clock;

    LastUseRecorder(AccessKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void used(String accessKey) {
        Instant now = WireTime.truncate(clock.instant());
        pending.merge(accessKey, now, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Scheduled(fixedDelayString = "${gatehouse.credential.last-use-flush-interval:5s}")
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String accessKey : pending.keySet()) {
            Instant at = pending.remove(accessKey);
            if (at != null) {
                batch.put(accessKey, at);
            }
        }
        try {
            store.recordLastUse(batch);
        } catch (DataAccessException e) {
            // Keep the notes for the next flush; a later use of the same key wins anyway.
            batch.forEach((ak, at) -> pending.merge(ak, at, (a, b) -> a.isAfter(b) ? a : b));
            log.warn("Could not record the last use of {} access keys; will retry", batch.size(), e);
        }
    }

    @PreDestroy
    void flushAtShutdown() {
        flush();
    }
}
