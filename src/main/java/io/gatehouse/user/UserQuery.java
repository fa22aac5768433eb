package io.gatehouse.user;

import io.gatehouse.common.error.IamError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The filters of {@code GET /v3/users}, already scoped to the caller's account. */
public record UserQuery(String domainId, String name, Boolean enabled, PasswordExpiry passwordExpiry,
        String marker) {

    /** {@code password_expires_at={op}:{timestamp}}, as Keystone writes it. */
    public record PasswordExpiry(Operator operator, Instant at) {

        public static PasswordExpiry parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            int colon = value.indexOf(':');
            Operator op = colon < 0 ? Operator.EQ : Operator.parse(value.substring(0, colon));
            String time = colon < 0 ? value : value.substring(colon + 1);
            try {
                return new PasswordExpiry(op, parseTime(time));
            } catch (DateTimeParseException e) {
                throw IamError.INVALID_PARAMETER.exception("password_expires_at");
            }
        }

        private static Instant parseTime(String time) {
            if (time.endsWith("Z") || time.contains("+")) {
                return OffsetDateTime.parse(time).toInstant();
            }
            return java.time.LocalDateTime.parse(time).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    public enum Operator {
        LT("<"), LTE("<="), GT(">"), GTE(">="), EQ("="), NEQ("<>");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        String sql() {
            return sql;
        }

        static Operator parse(String value) {
            for (Operator op : values()) {
                if (op.name().equalsIgnoreCase(value)) {
                    return op;
                }
            }
            throw IamError.INVALID_PARAMETER.exception("password_expires_at");
        }
    }
}
