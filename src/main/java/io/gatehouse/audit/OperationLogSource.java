package io.gatehouse.audit;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.RowMapper;

/**
 * The operation log as the query API reads it. {@code reader} is the user reading its own records
 * (null for an administrator): records of other actors then leave out the actor's address and client.
 */
record OperationLogSource(String reader) implements LogSource<OperationLogEntry> {

    @Override
    public String table() {
        return "operation_log";
    }

    @Override
    public String columns() {
        return "id, occurred_at, domain_id, actor_id, actor_name, source_ip, user_agent, operation, resource_type, "
                + "resource_id, result, error_code, request_id";
    }

    @Override
    public RowMapper<OperationLogEntry> rows() {
        return (rs, n) -> {
            OperationLogEntry e = new OperationLogEntry(rs.getLong(1),
                    WireTime.token(WireTime.fromSql(rs.getObject(2, OffsetDateTime.class))), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                    rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13));
            return reader != null && !reader.equals(e.actorId()) ? e.withoutActorClient() : e;
        };
    }

    @Override
    public Class<OperationLogEntry> type() {
        return OperationLogEntry.class;
    }

    @Override
    public Instant occurredAt(OperationLogEntry row) {
        return Instant.parse(row.occurredAt());
    }

    @Override
    public long id(OperationLogEntry row) {
        return row.id();
    }
}
