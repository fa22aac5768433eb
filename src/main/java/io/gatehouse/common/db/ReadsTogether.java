package io.gatehouse.common.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.stereotype.Component;

/**
 * Sends reads that do not depend on each other in one round trip. Features that each need a row at the
 * same step (at sign-in: the lockout row and the login-protection setting) add their query to a
 * {@link Batch}; the step runs the batch once and each feature takes its result. On PostgreSQL the
 * queries go as one prepared statement ({@code SELECT ...; SELECT ...}), which the driver sends with one
 * Sync, and the results come back as consecutive result sets. On 2 cores under load a round trip costs
 * more CPU than such a read itself, since a database process and a request thread each wake up on a core
 * that was doing other work. On H2, which runs in the server's own process, the queries run one by one.
 */
@Component
public class ReadsTogether {

    private final NamedParameterJdbcTemplate jdbc;
    private final DatabaseProduct database;
    /** The reads' SQL, parsed once: the texts are the features' constants. */
    private final Map<String, ParsedSql> parsed = new ConcurrentHashMap<>();

    public ReadsTogether(NamedParameterJdbcTemplate jdbc, DatabaseProduct database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    public Batch batch() {
        return new Batch();
    }

    /** Reads added for one step; {@link #run()} sends them. Used by one thread. */
    public final class Batch {

        private final List<Pending<?>> reads = new ArrayList<>();
        private boolean ran;

        private Batch() {
        }

        /** Adds a query with named parameters; its result is available from the returned read once the batch ran. */
        public <T> Pending<T> add(String sql, Map<String, ?> params, ResultSetExtractor<T> extractor) {
            if (ran) {
                throw new IllegalStateException("The batch has already run");
            }
            Pending<T> read = new Pending<>(sql, new MapSqlParameterSource(params), extractor);
            reads.add(read);
            return read;
        }

        public void run() {
            if (ran) {
                throw new IllegalStateException("The batch has already run");
            }
            ran = true;
            if (reads.size() > 1 && database.isPostgres()) {
                runInOneStatement();
            } else {
                reads.forEach(this::runAlone);
            }
        }

        private <T> void runAlone(Pending<T> read) {
            read.set(jdbc.query(read.sql, read.params, read.extractor));
        }

        private void runInOneStatement() {
            StringBuilder sql = new StringBuilder();
            List<Object> args = new ArrayList<>();
            for (Pending<?> read : reads) {
                ParsedSql statement = parsed.computeIfAbsent(read.sql, NamedParameterUtils::parseSqlStatement);
                sql.append(sql.isEmpty() ? "" : ";\n").append(NamedParameterUtils.substituteNamedParameters(statement,
                        read.params));
                args.addAll(Arrays.asList(NamedParameterUtils.buildValueArray(statement, read.params, null)));
            }
            jdbc.getJdbcOperations().execute(sql.toString(), (PreparedStatementCallback<Void>) statement -> {
                new ArgumentPreparedStatementSetter(args.toArray()).setValues(statement);
                boolean hasResults = statement.execute();
                for (Pending<?> read : reads) {
                    if (!hasResults) {
                        throw new IllegalStateException("A read of the batch returned no result set: " + read.sql);
                    }
                    try (ResultSet rs = statement.getResultSet()) {
                        read.extract(rs);
                    }
                    hasResults = statement.getMoreResults();
                }
                return null;
            });
        }
    }

    /** The result of one read of a batch. */
    public static final class Pending<T> {

        private final String sql;
        private final MapSqlParameterSource params;
        private final ResultSetExtractor<T> extractor;
        private T value;
        private boolean done;

        private Pending(String sql, MapSqlParameterSource params, ResultSetExtractor<T> extractor) {
            this.sql = sql;
            this.params = params;
            this.extractor = extractor;
        }

        /** The result; only after the batch ran. */
        public T get() {
            if (!done) {
                throw new IllegalStateException("The batch of this read has not run yet");
            }
            return value;
        }

        private void extract(ResultSet rs) throws SQLException {
            set(extractor.extractData(rs));
        }

        private void set(T result) {
            value = result;
            done = true;
        }
    }
}
