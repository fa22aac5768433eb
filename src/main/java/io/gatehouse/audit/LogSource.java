package io.gatehouse.audit;

import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * A log that the query API pages and exports: its table, the columns it shows and how a row reads.
 * The table has {@code id} and {@code occurred_at}, the keyset of every page.
 *
 * @param <T> the record shown on the wire, a Java record whose components are the JSON members and the
 *            CSV columns, in order
 */
interface LogSource<T extends Record> {

    String table();

    /** The select list, matching {@link #rows()}. */
    String columns();

    RowMapper<T> rows();

    Class<T> type();

    Instant occurredAt(T row);

    long id(T row);
}
