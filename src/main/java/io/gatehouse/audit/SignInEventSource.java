package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.RowMapper;

/** Sign-in events as the query API reads them. */
record SignInEventSource() implements LogSource<SignInEventEntry> {

    @Override
    public String table() {
        return "signin_event";
    }

    @Override
    public String columns() {
        return "id, occurred_at, domain_id, user_id, attempted_name, source_ip, user_agent, channel, method, result, "
                + "cause, request_id, location, country_code, city, device_type, os, browser, application";
    }

    @Override
    public RowMapper<SignInEventEntry> rows() {
        return (rs, n) -> new SignInEventEntry(rs.getLong(1),
                WireTime.token(WireTime.fromSql(rs.getObject(2, OffsetDateTime.class))), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19));
    }

    @Override
    public Class<SignInEventEntry> type() {
        return SignInEventEntry.class;
    }

    @Override
    public Instant occurredAt(SignInEventEntry row) {
        return Instant.parse(row.occurredAt());
    }

    @Override
    public long id(SignInEventEntry row) {
        return row.id();
    }
}
