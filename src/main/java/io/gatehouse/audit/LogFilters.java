package io.gatehouse.audit;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The query parameters every log shares, read strictly: a bad value is a 400 naming the parameter.
 * Times are ISO-8601 with an offset ({@code 2026-01-31T08:00:00Z}) or epoch milliseconds; {@code from}
 * is inclusive and {@code to} exclusive.
 */
final class LogFilters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final int MAX_TEXT = 128;

    private LogFilters() {
    }

    static Integer integer(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("\\d{1,9}")) {
            throw IamError.INVALID_PARAMETER.exception(name);
        }
        return Integer.valueOf(value);
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw IamError.INVALID_PARAMETER.exception("limit");
        }
        return limit;
    }

    /** A new condition set holding the time range. */
    static Where window(String from, String to) {
        Instant start = time("from", from);
        Instant end = time("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw IamError.INVALID_PARAMETER.exception("from");
        }
        return new Where().compare("occurred_at", ">=", WireTime.toSql(start))
                .compare("occurred_at", "<", WireTime.toSql(end));
    }

    static String text(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_TEXT) {
            throw IamError.INVALID_PARAMETER.exception(name);
        }
        return value;
    }

    static String result(String value) {
        if (value == null || value.equals("success") || value.equals("failure")) {
            return value;
        }
        throw IamError.INVALID_PARAMETER.exception("result");
    }

    private static Instant time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("\\d{1,15}")) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return WireTime.truncate(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeException e) {
            throw IamError.INVALID_PARAMETER.exception(name);
        }
    }
}
