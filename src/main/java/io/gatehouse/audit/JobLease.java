package io.gatehouse.audit;

import io.gatehouse.common.Ids;
import io.gatehouse.common.time.WireTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A lease that lets one node at a time run a job: a row naming the holder and an expiry, taken and
 * renewed by single conditional UPDATEs (the same SQL on PostgreSQL and H2, no session to keep, unlike
 * an advisory lock). A node that dies leaves the lease to expire; compare with {@link #TTL}, so the
 * nodes' clocks must agree to well within it.
 */
@Component
class JobLease {

    static final Duration TTL = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String holder = Ids.newId();

    JobLease(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean acquire(String name) {
        Instant now = WireTime.truncate(clock.instant());
        jdbc.sql("INSERT INTO job_lease (name, holder, expires_at) VALUES (:name, NULL, :now) ON CONFLICT DO NOTHING")
                .param("name", name).param("now", WireTime.toSql(now)).update();
        return jdbc.sql("UPDATE job_lease SET holder = :me, expires_at = :until WHERE name = :name "
                + "AND (holder IS NULL OR holder = :me OR expires_at < :now)")
                .param("me", holder).param("until", WireTime.toSql(now.plus(TTL))).param("name", name)
                .param("now", WireTime.toSql(now)).update() == 1;
    }

    boolean renew(String name) {
        Instant now = WireTime.truncate(clock.instant());
        return jdbc.sql("UPDATE job_lease SET expires_at = :until WHERE name = :name AND holder = :me")
                .param("until", WireTime.toSql(now.plus(TTL))).param("name", name).param("me", holder).update() == 1;
    }

    void release(String name) {
        jdbc.sql("UPDATE job_lease SET holder = NULL, expires_at = :now WHERE name = :name AND holder = :me")
                .param("now", WireTime.toSql(WireTime.truncate(clock.instant()))).param("name", name)
                .param("me", holder).update();
    }
}
