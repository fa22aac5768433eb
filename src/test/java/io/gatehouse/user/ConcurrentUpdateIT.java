package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sixteen administrators update one user at the same moment, some on different fields and some on
 * the same. No update may be lost or fail, and the final state must be the result of applying the
 * sixteen writes in some serial order, each response showing the state right after its own write.
 */
class ConcurrentUpdateIT extends IntegrationTest {

    private static final List<String> FIELDS = List.of("name", "description", "email", "areacode", "phone",
            "access_mode");

    @Test
    void updateWhen16ConcurrentWritersThenNoLostUpdateAndASerialOrderExplainsTheResult() throws Exception {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        List<Map<String, Object>> writes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Map<String, Object> w = new HashMap<>();
            switch (i % 4) {
                case 0 -> w.put("description", "description " + i);
                case 1 -> w.put("email", "writer" + i + "@example.com");
                case 2 -> {
                    w.put("areacode", "0086");
                    w.put("phone", "1380000" + String.format("%04d", i));
                }
                default -> {
                    w.put("description", "both " + i);
                    w.put("name", "renamed-" + i + "-" + user.name().substring(5));
                }
            }
            writes.add(w);
        }
        JsonNode initial = state(api.get("/v3.0/OS-USER/users/" + user.id(), account.adminToken()).json().get("user"));

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (Map<String, Object> w : writes) {
            futures.add(pool.submit(() -> {
                start.await();
                return api.put("/v3.0/OS-USER/users/" + user.id(), account.adminToken(), Map.of("user", w));
            }));
        }
        start.countDown();
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> f : futures) {
            responses.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        for (Api.Response r : responses) {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        JsonNode finalState = state(api.get("/v3.0/OS-USER/users/" + user.id(), account.adminToken()).json().get("user"));
        List<Integer> order = serialOrder(initial, writes, responses, finalState);
        assertThat(order).as("a serial order in which each response shows the state after its own write, "
                + "ending in the final state").hasSize(16);
        assertThat(finalState).isEqualTo(state(responses.get(order.get(15)).json().get("user")));
    }

    /**
     * Searches for an order in which, starting from the initial state, each write's response is the state
     * before it plus its own fields. Writes to the same field make several orders look alike, so the search
     * backtracks; an empty result means no serial order explains the responses.
     */
    private static List<Integer> serialOrder(JsonNode initial, List<Map<String, Object>> writes,
            List<Api.Response> responses, JsonNode finalState) {
        List<Map<String, String>> after = responses.stream().map(r -> asMap(state(r.json().get("user")))).toList();
        List<Integer> order = new ArrayList<>();
        return search(asMap(initial), asMap(finalState), writes, after, new boolean[writes.size()], order) ? order
                : List.of();
    }

    private static boolean search(Map<String, String> current, Map<String, String> end,
            List<Map<String, Object>> writes, List<Map<String, String>> after, boolean[] used, List<Integer> order) {
        if (order.size() == writes.size()) {
            return current.equals(end);
        }
        for (int i = 0; i < writes.size(); i++) {
            if (used[i]) {
                continue;
            }
            Map<String, String> expected = new HashMap<>(current);
            writes.get(i).forEach((k, v) -> expected.put(k, String.valueOf(v)));
            if (expected.equals(after.get(i))) {
                used[i] = true;
                order.add(i);
                if (search(after.get(i), end, writes, after, used, order)) {
                    return true;
                }
                order.remove(order.size() - 1);
                used[i] = false;
            }
        }
        return false;
    }

    private static JsonNode state(JsonNode user) {
        var copy = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        FIELDS.forEach(f -> copy.set(f, user.get(f)));
        return copy;
    }

    private static Map<String, String> asMap(JsonNode state) {
        Map<String, String> map = new HashMap<>();
        FIELDS.forEach(f -> map.put(f, state.get(f) == null ? null : state.get(f).asString()));
        return map;
    }
}
