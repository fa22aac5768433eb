package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.ClientInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every sign-in attempt, successful or not, on every path; and every second-factor verification of an
 * operation (channel {@link #CHANNEL_OPERATION}), which is not a sign-in.
 */
@Component
public class SignInEvents {

    /** The channel of second-factor verifications for operation protection, made with a token already held. */
    public static final String CHANNEL_OPERATION = "operation";

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

    /** A past sign-in as the user is shown it. */
    public record Past(Instant at, String ip, String result) {
    }

    /**
     * The user's latest sign-in attempt other than those of request {@code excludingRequestId}
     * (the sign-in being answered). Lock and unlock events are not attempts, and neither are the
     * verifications of operations.
     */
    public Optional<Past> previous(String userId, String excludingRequestId) {
        return jdbc.sql("""
                SELECT occurred_at, source_ip, result FROM signin_event
                WHERE user_id = :userId AND (request_id IS NULL OR request_id <> :requestId)
                  AND (cause IS NULL OR cause NOT IN ('locked', 'unlocked')) AND channel <> :operation
                ORDER BY occurred_at DESC, id DESC LIMIT 1""")
                .param("userId", userId).param("requestId", excludingRequestId == null ? "" : excludingRequestId)
                .param("operation", CHANNEL_OPERATION)
                .query((rs, n) -> new Past(WireTime.fromSql(rs.getObject(1, OffsetDateTime.class)), rs.getString(2),
                        rs.getString(3)))
                .optional();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
