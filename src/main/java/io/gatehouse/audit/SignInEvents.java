package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.ClientInfo;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Every sign-in attempt, successful or not, on every path. */
@Component
public class SignInEvents {

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What was tried and how it ended; {@code userId} and {@code domainId} are null when no user matched. */
    public record Attempt(String domainId, String userId, String attemptedName, String channel, String method,
            boolean success, String cause, ClientInfo client) {
    }

    /** Joins the caller's transaction when there is one (a success, with the sign-in's own writes). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(Attempt attempt) {
        ClientInfo c = attempt.client() == null ? ClientInfo.SYSTEM : attempt.client();
        jdbc.sql("""
                INSERT INTO signin_event (occurred_at, domain_id, user_id, attempted_name, source_ip, user_agent,
                  channel, method, result, cause, request_id)
                VALUES (:at, :domainId, :userId, :name, :ip, :ua, :channel, :method, :result, :cause, :requestId)""")
                .param("at", WireTime.toSql(WireTime.truncate(clock.instant()))).param("domainId", attempt.domainId())
                .param("userId", attempt.userId()).param("name", truncate(attempt.attemptedName(), 128))
                .param("ip", c.ip()).param("ua", c.userAgent()).param("channel", attempt.channel())
                .param("method", attempt.method()).param("result", attempt.success() ? "success" : "failure")
                .param("cause", attempt.cause()).param("requestId", c.requestId()).update();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
