package io.gatehouse.risk;

import io.gatehouse.common.error.IamError;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * A range of whole UTC days, both ends included, as the statistics and the dashboard take it:
 * {@code period=today|7d|30d|90d} ending today, or {@code period=custom} with {@code from} and {@code to}
 * as dates ({@code 2026-01-31}), at most {@link #MAX_DAYS} days long.
 */
record Period(String name, LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;

    static Period parse(String period, String from, String to, LocalDate today, Set<String> allowed,
            String fallback) {
        String name = period == null ? fallback : period;
        if (!allowed.contains(name)) {
            throw IamError.INVALID_PARAMETER.exception("period");
        }
        if (!name.equals("custom")) {
            if (from != null || to != null) {
                throw IamError.INVALID_PARAMETER.exception(from != null ? "from" : "to");
            }
            int days = name.equals("today") ? 1 : Integer.parseInt(name.substring(0, name.length() - 1));
            return new Period(name, today.minusDays(days - 1L), today);
        }
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw IamError.INVALID_PARAMETER.exception("to");
        }
        return new Period(name, start, end);
    }

    private static LocalDate date(String name, String value) {
        if (value == null) {
            throw IamError.REQUIRED_PROPERTY.exception(name);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw IamError.INVALID_PARAMETER.exception(name);
        }
    }
}
