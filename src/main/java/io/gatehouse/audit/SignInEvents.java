package io.gatehouse.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.common.db.WritesAtCommit;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.ClientInfo;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every sign-in attempt, successful or not, on every path; and every second-factor verification of an
 * operation (channel {@link #CHANNEL_OPERATION}), which is not a sign-in. Each event carries where it
 * came from ({@link Locations}) and with what ({@link UserAgents}), resolved in memory as it is written:
 * recording costs one INSERT, sent with the transaction's COMMIT.
 */
@Component
public class SignInEvents {

    /** The channel of second-factor verifications for operation protection, made with a token already held. */
    public static final String CHANNEL_OPERATION = "operation";
    /** The channel of API sign-ins (tokens) and of access-key use. */
    public static final String CHANNEL_API = "api";
    /** The authentication type of a request signed with an access key (AK/SK). */
    public static final String METHOD_ACCESS_KEY = "aksk";

    private final JdbcClient jdbc;
    private final WritesAtCommit atCommit;
    private final Clock clock;
    private final Locations locations;
    private final UserAgents userAgents;
    /** Access keys whose day's event this node knows to be written: "key:day". */
    private final Cache<String, Boolean> keyDaysSeen = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1)).build();

    SignInEvents(JdbcClient jdbc, WritesAtCommit atCommit, Clock clock, Locations locations, UserAgents userAgents) {
        this.jdbc = jdbc;
        this.atCommit = atCommit;
        this.clock = clock;
        this.locations = locations;
        this.userAgents = userAgents;
    }

    /** What was tried and how it ended; {@code userId} and {@code domainId} are null when no user matched. */
    public record Attempt(String domainId, String userId, String attemptedName, String channel, String method,
            boolean success, String cause, ClientInfo client) {
    }

    /** Joins the caller's transaction when there is one (a success, with the sign-in's own writes). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(Attempt attempt) {
        insert(attempt, WireTime.truncate(clock.instant()));
    }

    /**
     * Records the use of access key {@code accessKey} (AK/SK signature authentication) as a sign-in event of
     * method {@code aksk}, once per key and UTC day however many requests and nodes see it: call it on
     * every request that a valid signature authenticated. After the first call of the day on a node, it is
     * a lookup in memory; the first call of a node does one conditional INSERT, which only one node wins.
     * Returns whether this call wrote the day's event.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public boolean recordAccessKeyUse(String domainId, String userId, String userName, String accessKey,
            ClientInfo client) {
        Instant now = WireTime.truncate(clock.instant());
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String seen = accessKey + ":" + day;
        if (keyDaysSeen.getIfPresent(seen) != null) {
            return false;
        }
        boolean first = jdbc.sql("INSERT INTO access_key_daily_use (access_key, use_day) VALUES (:key, :day) "
                + "ON CONFLICT DO NOTHING").param("key", accessKey).param("day", Date.valueOf(day)).update() == 1;
        if (first) {
            insert(new Attempt(domainId, userId, userName, CHANNEL_API, METHOD_ACCESS_KEY, true, null, client), now);
        }
        keyDaysSeen.put(seen, Boolean.TRUE);
        return first;
    }

    private static final String INSERT = """
            INSERT INTO signin_event (occurred_at, domain_id, user_id, attempted_name, source_ip, user_agent, channel,
              method, result, cause, request_id, location, country_code, city, device_type, os, browser, application)
            VALUES""";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Written as the caller's transaction commits (with the COMMIT on PostgreSQL, see {@link WritesAtCommit}):
     * nothing in it reads the event back.
     */
    private void insert(Attempt attempt, Instant at) {
        ClientInfo c = attempt.client() == null ? ClientInfo.SYSTEM : attempt.client();
        Location location = locations.of(c.ip());
        UserAgents.Parsed agent = userAgents.parse(c.userAgent());
        List<Object> values = Arrays.asList(WireTime.toSql(at), attempt.domainId(), attempt.userId(),
                truncate(attempt.attemptedName(), 128), c.ip(), c.userAgent(), attempt.channel(), attempt.method(),
                attempt.success() ? "success" : "failure", attempt.cause(), c.requestId(), location.label(),
                location.countryCode(), truncate(location.city(), 128), agent.device().type(), agent.device().os(),
                agent.device().browser(), agent.application());
        atCommit.row(INSERT, ROW, values);
    }

    /** A stored sign-in event, as risk detection and the statistics read it. */
    public record Recorded(long id, Instant at, String domainId, String userId, String userName, String sourceIp,
            String channel, String method, boolean success, String cause, Location location, Device device,
            String application) {
    }

    /**
     * The events after id {@code afterId}, in id order, at most {@code limit}, and only up to the first one
     * written after {@code settledBefore}: an event that is younger may still have neighbours with lower
     * ids whose transactions have not committed, and a reader that went past it would never see them.
     */
    public List<Recorded> since(long afterId, Instant settledBefore, int limit) {
        List<Recorded> rows = jdbc.sql("""
                SELECT id, occurred_at, domain_id, user_id, attempted_name, source_ip, channel, method, result, cause,
                  location, country_code, city, device_type, os, browser, application
                FROM signin_event WHERE id > :after ORDER BY id LIMIT :limit""")
                .param("after", afterId).param("limit", limit)
                .query((rs, n) -> new Recorded(rs.getLong(1), WireTime.fromSql(rs.getObject(2, OffsetDateTime.class)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), "success".equals(rs.getString(9)), rs.getString(10),
                        Location.stored(rs.getString(11), rs.getString(12), rs.getString(13)),
                        rs.getString(14) == null ? Device.UNKNOWN
                                : new Device(rs.getString(14), rs.getString(15), rs.getString(16)),
                        rs.getString(17)))
                .list();
        int settled = 0;
        while (settled < rows.size() && rows.get(settled).at().isBefore(settledBefore)) {
            settled++;
        }
        return rows.subList(0, settled);
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

    /** The days' markers of access-key use are needed for one day; two leave room for clock skew. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldKeyDays() {
        LocalDate cutoff = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(2);
        jdbc.sql("DELETE FROM access_key_daily_use WHERE use_day < :cutoff").param("cutoff", Date.valueOf(cutoff))
                .update();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
