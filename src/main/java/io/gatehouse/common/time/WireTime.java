package io.gatehouse.common.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The two time formats of the Huawei wire: user records and Keystone tokens. */
public final class WireTime {

    /** User fields such as {@code create_time}: {@code 2023-06-28T08:56:33.710000}. */
    private static final DateTimeFormatter USER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    /** Token fields such as {@code expires_at}: {@code 2015-11-09T01:42:57.527363Z}. */
    private static final DateTimeFormatter TOKEN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    public static String user(Instant instant) {
        return instant == null ? null : USER.format(instant);
    }

    public static String token(Instant instant) {
        return instant == null ? null : TOKEN.format(instant);
    }

    /** Database timestamps keep microseconds; trimming here keeps Java and SQL comparisons equal. */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime toSql(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant fromSql(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
