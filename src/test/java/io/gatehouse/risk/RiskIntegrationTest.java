package io.gatehouse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Mailbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The context of the sign-in enrichment, risk and statistics tests: a real GeoIP City database
 * (src/test/resources/geoip, written with MaxMind's writer), a table of named networks, an in-process SMTP
 * server (GreenMail), and a detector that polls every 100 ms. Every subclass shares this one context.
 */
abstract class RiskIntegrationTest extends IntegrationTest {

    static final int SMTP_PORT = Mailbox.freePort();
    static final String FROM = "iam@gatehouse.test";
    static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/124.0.0.0 Safari/537.36";
    static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 "
            + "Firefox/125.0";
    static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    static final String SDK = "huaweicloud-usdk-java/3.0";
    /** GeoIP test database: 203.0.113.0/25 Sydney, 203.0.113.128/25 Melbourne (both AU), 198.51.100.0/24 Berlin. */
    static final String SYDNEY = "203.0.113.10";
    static final String SYDNEY_2 = "203.0.113.11";
    static final String MELBOURNE = "203.0.113.200";
    static final String BERLIN = "198.51.100.7";
    static final String LONDON = "81.2.69.160";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void riskContext(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("gatehouse.smtp.from", () -> FROM);
        registry.add("gatehouse.location.geoip-database", RiskIntegrationTest::geoIpDatabase);
        registry.add("gatehouse.location.networks",
                () -> "198.51.100.128/25=Berlin office; 10.1.0.0/16=Corporate VPN");
        registry.add("gatehouse.risk.detector.interval", () -> "100ms");
        registry.add("gatehouse.risk.detector.settle", () -> "200ms");
    }

    static String geoIpDatabase() {
        try {
            return new ClassPathResource("geoip/gatehouse-city-test.mmdb").getFile().getAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Api.Response signIn(TestUser u, String ip, String userAgent) {
        return signIn(u, Fixtures.USER_PASSWORD, ip, userAgent);
    }

    Api.Response signIn(TestUser u, String password, String ip, String userAgent) {
        return api.call("POST", "/v3/auth/tokens").header("X-Forwarded-For", ip).header("User-Agent", userAgent)
                .json(Fixtures.passwordAuth(u.account().name(), u.name(), password)).send();
    }

    void signInOk(TestUser u, String ip, String userAgent) {
        Api.Response r = signIn(u, ip, userAgent);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    Api.Response createRule(Fixtures.TestAccount a, Map<String, Object> rule) {
        return api.post("/gatehouse/v1/risk-rules", a.adminToken(), Map.of("risk_rule", rule));
    }

    String ruleId(Fixtures.TestAccount a, Map<String, Object> rule) {
        Api.Response r = createRule(a, rule);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("risk_rule").get("id").asString();
    }

    /** The statistics' totals of the user over the last 7 days, as its administrator reads them. */
    long attemptsCounted(TestUser u) {
        Api.Response r = api.get("/gatehouse/v1/users/" + u.id() + "/statistics?period=7d",
                u.account().adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode totals = r.json().get("statistics").get("totals");
        return totals.get("successes").asLong() + totals.get("failures").asLong();
    }

    /**
     * Waits until the detector has counted {@code attempts} sign-in attempts of the user: the rollup and the
     * risk events of a batch commit together, so its risk events are then all there.
     */
    void awaitCounted(TestUser u, long attempts) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        long counted;
        do {
            counted = attemptsCounted(u);
            if (counted >= attempts) {
                assertThat(counted).isEqualTo(attempts);
                return;
            }
            pause();
        } while (System.nanoTime() < deadline);
        assertThat(counted).as("attempts counted by the detector").isEqualTo(attempts);
    }

    /** The user's risk events, newest first, as the administrator reads them. */
    List<JsonNode> riskEvents(TestUser u) {
        Api.Response r = api.get("/gatehouse/v1/users/" + u.id() + "/risk-events", u.account().adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        r.json().get("risk_events").forEach(events::add);
        return events;
    }

    /** Waits until the user has a risk event that matches. */
    JsonNode awaitRiskEvent(TestUser u, Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        do {
            for (JsonNode e : riskEvents(u)) {
                if (matching.test(e)) {
                    return e;
                }
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("No matching risk event for " + u.name() + ": " + riskEvents(u));
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
