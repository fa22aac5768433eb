package io.gatehouse.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testsupport.ConnectionSpy;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Reads of one batch each get their own result; on PostgreSQL they travel as one statement. */
class ReadsTogetherIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseProduct database;

    private final AtomicInteger statements = new AtomicInteger();

    @Test
    void runWhenTheBatchHoldsSeveralReadsThenEachGetsItsOwnResultInOneStatementOnPostgres() {
        ReadsTogether reads = new ReadsTogether(new NamedParameterJdbcTemplate(counting(dataSource)), database);
        ReadsTogether.Batch batch = reads.batch();
        ReadsTogether.Pending<Optional<Integer>> seven = batch.add("SELECT CAST(:n AS INTEGER) + 1 FROM (VALUES (1)) v",
                Map.of("n", 6), rs -> rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty());
        ReadsTogether.Pending<Optional<Integer>> none = batch.add("SELECT 1 FROM (VALUES (1)) v WHERE 1 = :n",
                Map.of("n", 2), rs -> rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty());
        ReadsTogether.Pending<List<String>> words = batch.add(
                "SELECT w FROM (VALUES ('a'), ('b'), (:c)) v (w) ORDER BY w", Map.of("c", "c"), rs -> {
                    List<String> all = new ArrayList<>();
                    while (rs.next()) {
                        all.add(rs.getString(1));
                    }
                    return all;
                });
        int before = statements.get();

        batch.run();

        assertThat(seven.get()).contains(7);
        assertThat(none.get()).isEmpty();
        assertThat(words.get()).containsExactly("a", "b", "c");
        // On PostgreSQL the reads are one prepared statement (one round trip); H2 runs them one by one.
        assertThat(statements.get() - before).isEqualTo(TestDatabase.isPostgres() ? 1 : 3);
    }

    @Test
    void getWhenTheBatchHasNotRunThenRefused() {
        ReadsTogether.Batch batch = new ReadsTogether(new NamedParameterJdbcTemplate(dataSource), database).batch();
        ReadsTogether.Pending<Boolean> read = batch.add("SELECT 1 FROM (VALUES (1)) v", Map.of(), rs -> rs.next());

        assertThatThrownBy(read::get).isInstanceOf(IllegalStateException.class);
        batch.run();
        assertThat(read.get()).isTrue();
        assertThatThrownBy(batch::run).isInstanceOf(IllegalStateException.class);
    }

    /** The data source, counting the statements its connections prepare. */
    private DataSource counting(DataSource target) {
        return ConnectionSpy.around(target, (connection, method, args) -> {
            if (method.getName().equals("prepareStatement")) {
                statements.incrementAndGet();
            }
            return ConnectionSpy.invoke(connection, method, args);
        });
    }
}
