package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.SecondNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Each account's operation log is a chain of MACs: verification passes on what Gatehouse wrote, names
 * the first record that was edited, removed or slipped in, and concurrent writers (on one node and on
 * two) still make one unforked chain.
 */
class OperationLogChainIT extends IntegrationTest {

    private static final String VERIFY = "/gatehouse/v1/operation-logs/verify";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChainSealer sealer;

    @Test
    void verifyWhenOnlyGatehouseWroteThenValidAndRefusedWritesAreLinksToo() {
        TestAccount account = fixtures.newAccount();
        TestUser user = writes(account, 3);
        Api.Response refused = api.delete("/v3/users/" + account.ownerId(), fixtures.token(user));

        JsonNode v = verify(account);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(v.get("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.has("first_broken")).isFalse();
        List<Long> seqs = seqs(account);
        assertThat(seqs).hasSize(chained(account))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        assertThat(v.get("records_checked").asLong()).isEqualTo(seqs.size());
        assertThat(v.get("first_sequence").asLong()).isEqualTo(1);
        assertThat(v.get("last_sequence").asLong()).isEqualTo(seqs.size());
        assertThat(afterSealing(jdbc).sql("SELECT chain_seq FROM operation_log "
                + "WHERE domain_id = :d AND result = 'failure'").param("d", account.id()).query(Long.class)
                .single()).isEqualTo(seqs.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operation_log_inbox WHERE chain_key = :d").param("d", account.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void verifyWhenOneFieldOfARecordIsEditedThenNamesThatRecord() {
        TestAccount account = fixtures.newAccount();
        writes(account, 4);
        long target = nthRecord(account, 3);
        jdbc.sql("UPDATE operation_log SET actor_name = 'someone else' WHERE id = :id").param("id", target).update();

        assertBroken(account, target, "altered");
    }

    @Test
    void verifyWhenTimeIsMovedByAMicrosecondThenNamesThatRecord() {
        TestAccount account = fixtures.newAccount();
        writes(account, 2);
        long target = nthRecord(account, 2);
        jdbc.sql("UPDATE operation_log SET occurred_at = occurred_at + INTERVAL '0.000001' SECOND WHERE id = :id")
                .param("id", target).update();

        assertBroken(account, target, "altered");
    }

    @Test
    void verifyWhenARecordIsRemovedThenNamesTheOneAfterTheGap() {
        TestAccount account = fixtures.newAccount();
        writes(account, 4);
        long removed = nthRecord(account, 3);
        long after = nthRecord(account, 4);
        jdbc.sql("DELETE FROM operation_log WHERE id = :id").param("id", removed).update();

        JsonNode broken = assertBroken(account, after, "missing");
        assertThat(broken.get("sequence").asLong()).isEqualTo(4);
    }

    @Test
    void verifyWhenTheNewestRecordIsRemovedThenTheHeadGivesItAway() {
        TestAccount account = fixtures.newAccount();
        writes(account, 2);
        List<Long> seqs = seqs(account);
        long last = seqs.get(seqs.size() - 1);
        long lastId = nthRecord(account, last);
        jdbc.sql("DELETE FROM operation_log WHERE id = :id").param("id", lastId).update();

        JsonNode v = verify(account);
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("first_broken").get("problem").asString()).isEqualTo("missing_at_end");
        assertThat(v.get("first_broken").get("sequence").asLong()).isEqualTo(last);
    }

    @Test
    void verifyWhenALinkIsCopiedFromAnotherRecordThenNamesIt() {
        TestAccount account = fixtures.newAccount();
        writes(account, 3);
        long second = nthRecord(account, 2);
        long third = nthRecord(account, 3);
        // Swap the two records' links: each record is intact, but not at the place its MAC was made for.
        Map<String, Object> secondLink = link(second);
        Map<String, Object> thirdLink = link(third);
        jdbc.sql("UPDATE operation_log SET chain_seq = NULL WHERE id = :id").param("id", second).update();
        setLink(third, secondLink);
        setLink(second, thirdLink);

        assertBroken(account, third, "altered");
    }

    @Test
    void verifyWhenARecordIsSlippedInThenNamesIt() {
        TestAccount account = fixtures.newAccount();
        writes(account, 1);
        jdbc.sql("""
                INSERT INTO operation_log (occurred_at, domain_id, actor_id, actor_name, operation, resource_type,
                  resource_id, result)
                SELECT occurred_at, domain_id, actor_id, actor_name, operation, resource_type, resource_id, result
                FROM operation_log WHERE id = :first""").param("first", nthRecord(account, 1)).update();
        long inserted = afterSealing(jdbc).sql("SELECT MAX(id) FROM operation_log WHERE domain_id = :d").param("d", account.id())
                .query(Long.class).single();

        assertBroken(account, inserted, "unchained");
    }

    @Test
    void verifyWhenARecordIsSlippedInWithALinkOfAnotherChainThenNamesIt() {
        TestAccount account = fixtures.newAccount();
        writes(account, 1);
        jdbc.sql("""
                INSERT INTO operation_log (occurred_at, domain_id, actor_id, actor_name, operation, resource_type,
                  resource_id, result, chain_key, chain_seq, prev_hash, hash)
                SELECT occurred_at, domain_id, actor_id, actor_name, operation, resource_type, resource_id, result,
                  'elsewhere', 1, prev_hash, hash
                FROM operation_log WHERE id = :first""").param("first", nthRecord(account, 1)).update();
        long inserted = jdbc.sql("SELECT MAX(id) FROM operation_log WHERE domain_id = :d").param("d", account.id())
                .query(Long.class).single();

        assertBroken(account, inserted, "unchained");
    }

    @Test
    void verifyWhenAnotherAccountIsTamperedWithThenThisOneStaysValid() {
        TestAccount account = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        writes(account, 1);
        writes(other, 1);
        jdbc.sql("UPDATE operation_log SET result = 'failure' WHERE id = :id").param("id", nthRecord(other, 1))
                .update();

        assertThat(verify(account).get("valid").asBoolean()).isTrue();
        assertThat(verify(other).get("valid").asBoolean()).isFalse();
    }

    @Test
    void writersWhenSixteenConcurrentThenOneUnforkedChain() throws Exception {
        TestAccount account = fixtures.newAccount();
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(fixtures.newUser(account));
        }
        int before = chained(account);

        int ok = concurrentUpdates(List.of(api), account, users, 16, 6);

        assertThat(ok).isEqualTo(96);
        assertUnforked(account, before + 96);
    }

    @Test
    void writersWhenOnTwoNodesThenOneUnforkedChain() throws Exception {
        TestAccount account = fixtures.newAccount();
        List<TestUser> users = List.of(fixtures.newUser(account), fixtures.newUser(account));
        int before = chained(account);
        try (SecondNode second = SecondNode.start()) {
            int ok = concurrentUpdates(List.of(api, second.api()), account, users, 16, 5);

            assertThat(ok).isEqualTo(80);
            assertUnforked(account, before + 80);
            assertThat(verify(second.api(), account).get("valid").asBoolean()).isTrue();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** A user and {@code n} updates of it: records 3.. of the account (1 and 2 are its creation). */
    private TestUser writes(TestAccount account, int n) {
        TestUser user = fixtures.newUser(account);
        for (int i = 0; i < n; i++) {
            Api.Response r = api.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(),
                    Map.of("user", Map.of("description", "d" + i)));
            assertThat(r.status()).isEqualTo(200);
        }
        return user;
    }

    /** The id of the record at place {@code seq} of the account's chain, once everything is linked. */
    private long nthRecord(TestAccount account, long seq) {
        sealer.sealAll();
        return jdbc.sql("SELECT id FROM operation_log WHERE chain_key = :d AND chain_seq = :s")
                .param("d", account.id()).param("s", seq).query(Long.class).single();
    }

    private Map<String, Object> link(long id) {
        return jdbc.sql("SELECT chain_seq, prev_hash, hash FROM operation_log WHERE id = :id").param("id", id).query()
                .singleRow();
    }

    private void setLink(long id, Map<String, Object> link) {
        jdbc.sql("UPDATE operation_log SET chain_seq = :seq, prev_hash = :prev, hash = :hash WHERE id = :id")
                .param("seq", link.get("chain_seq")).param("prev", link.get("prev_hash"))
                .param("hash", link.get("hash")).param("id", id).update();
    }

    private List<Long> seqs(TestAccount account) {
        sealer.sealAll();
        return jdbc.sql("SELECT chain_seq FROM operation_log WHERE chain_key = :d ORDER BY chain_seq")
                .param("d", account.id()).query(Long.class).list();
    }

    private int chained(TestAccount account) {
        return afterSealing(jdbc).sql("SELECT COUNT(*) FROM operation_log WHERE domain_id = :d").param("d", account.id())
                .query(Integer.class).single();
    }

    private JsonNode verify(TestAccount account) {
        return verify(api, account);
    }

    private static JsonNode verify(Api on, TestAccount account) {
        Api.Response r = on.get(VERIFY, account.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("verification");
    }

    private JsonNode assertBroken(TestAccount account, long id, String problem) {
        JsonNode v = verify(account);
        assertThat(v.get("valid").asBoolean()).as(v.toString()).isFalse();
        JsonNode broken = v.get("first_broken");
        assertThat(broken.get("id").asLong()).as(v.toString()).isEqualTo(id);
        assertThat(broken.get("problem").asString()).isEqualTo(problem);
        assertThat(broken.get("occurred_at").asString()).isNotEmpty();
        return broken;
    }

    private void assertUnforked(TestAccount account, int expected) {
        JsonNode v = verify(account);
        List<Long> seqs = seqs(account);
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
        assertThat(v.get("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("records_checked").asLong()).isEqualTo(expected);
    }

    /** {@code threads} clients, spread over the nodes, each making {@code each} user updates; the 200s. */
    private static int concurrentUpdates(List<Api> nodes, TestAccount account, List<TestUser> users, int threads,
            int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Api node = nodes.get(t % nodes.size());
                TestUser user = users.get(t % users.size());
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < each; i++) {
                        Api.Response r = node.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(),
                                Map.of("user", Map.of("description", "t" + thread + "-" + i + "-" + Fixtures.unique())));
                        ok += r.status() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : results) {
                ok += f.get();
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }
}
