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
            // The time has colons of its own; only a leading word is an operator.
            int colon = value.indexOf(':');
            boolean hasOperator = colon > 0 && value.substring(0, colon).chars().allMatch(Character::isLetter);
            Operator op = hasOperator ? Operator.parse(value.substring(0, colon)) : Operator.EQ;
            String time = hasOperator ? value.substring(colon + 1) : value;
            try {
                return new PasswordExpiry(op, parseTime(time));
            } catch (DateTimeParseException e) {
                throw IamError.INVALID_PARAMETER.exception("password_expires_at");
            }
        }

        /** With an offset or {@code Z}, or without one, which means UTC. */
        private static Instant parseTime(String time) {
            try {
                return OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException noOffset) {
                return java.time.LocalDateTime.parse(time).toInstant(java.time.ZoneOffset.UTC);
            }
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
