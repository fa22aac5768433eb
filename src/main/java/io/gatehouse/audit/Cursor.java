package io.gatehouse.audit;

import io.gatehouse.common.error.IamError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyset position in a log, newest first: the next page starts below {@code (occurredAt, id)}. On
 * the wire it is an opaque marker. A marker that was altered only moves the page within what the
 * caller may read anyway, since the filters and the account always apply; one that does not parse is
 * a 400, never a 500.
 */
record Cursor(Instant occurredAt, long id) {

    private static final Pattern FORM = Pattern.compile("v1:(-?\\d{1,18}):(\\d{1,18})");

    String encode() {
        String plain = "v1:" + ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** Null for no marker (the first page). */
    static Cursor decode(String marker) {
        if (marker == null) {
            return null;
        }
        try {
            if (marker.length() > 64) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.US_ASCII);
            Matcher m = FORM.matcher(plain);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a marker");
            }
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS),
                    Long.parseLong(m.group(2)));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw IamError.INVALID_PARAMETER.exception("marker");
        }
    }
}
