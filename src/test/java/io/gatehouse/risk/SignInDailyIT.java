package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.IntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The rollup adds a batch of increments, many cells per statement, to new and existing cells alike. */
class SignInDailyIT extends IntegrationTest {

    @Autowired
    SignInDaily daily;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void addWhenTheBatchSpansSeveralStatementsThenEveryCellHoldsItsSum() {
        String user = UUID.randomUUID().toString().replace("-", "");
        LocalDate day = LocalDate.of(2026, 3, 4);
        // 301 cells: more than one statement's worth, and not a power of two (256 + 32 + 8 + 4 + 1).
        int cells = SignInDaily.MERGE_ROWS + 45;
        add(increments(user, day, cells, 1, 0));
        add(increments(user, day, cells, 2, 3));

        List<long[]> rows = jdbc.sql("SELECT CAST(item AS INTEGER), successes, failures FROM signin_daily "
                + "WHERE user_id = :u AND dimension = :d ORDER BY 1").param("u", user).param("d", SignInDaily.IP)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
        assertThat(rows).hasSize(cells);
        for (int i = 0; i < cells; i++) {
            assertThat(rows.get(i)).containsExactly(i, 3 + 2L * i, 3);
        }
    }

    private void add(List<SignInDaily.Increment> increments) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> daily.add(increments));
    }

    /** One increment per cell: cell i (its item is i) gets {@code successes + i} and {@code failures}. */
    private static List<SignInDaily.Increment> increments(String user, LocalDate day, int cells, long successes,
            long failures) {
        List<SignInDaily.Increment> all = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            all.add(new SignInDaily.Increment(user, "d-test", SignInDaily.IP, Integer.toString(i), day,
                    successes + i, failures));
        }
        return all;
    }
}
