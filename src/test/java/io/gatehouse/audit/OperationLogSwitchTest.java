package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The switch that exists for bench/log-cost.sh: off writes nothing, on (the default) writes every call. */
class OperationLogSwitchTest {

    /** A store that only remembers what it was given. */
    private static final class Appended extends ChainStore {
        final List<OperationRecord> records = new ArrayList<>();

        Appended() {
            super(null, null, null, null);
        }

        @Override
        void append(OperationRecord r) {
            records.add(r);
        }
    }

    @Test
    void successAndRefusedWhenTheLogIsOffThenNothingIsAppended() {
        Appended store = new Appended();
        OperationLog log = new OperationLog(store, null, new CommittedRecords(0), Clock.systemUTC(), false, "in-transaction");

        log.success(Caller.system("acct"), "iam:users:updateUser", "user", "u1");
        log.refused(Caller.system("acct"), null, "acct", "iam:users:deleteUser", "user", "u1", "IAM.0003");

        assertThat(store.records).isEmpty();
    }

    @Test
    void successAndRefusedWhenTheLogIsOnThenEachIsAppended() {
        Appended store = new Appended();
        OperationLog log = new OperationLog(store, null, new CommittedRecords(0), Clock.systemUTC(), true, "in-transaction");

        log.success(Caller.system("acct"), "iam:users:updateUser", "user", "u1");
        log.refused(Caller.system("acct"), null, "acct", "iam:users:deleteUser", "user", "u1", "IAM.0003");

        assertThat(store.records).extracting(OperationRecord::operation, OperationRecord::result)
                .containsExactly(tuple("iam:users:updateUser", "success"),
                        tuple("iam:users:deleteUser", "failure"));
    }
}
