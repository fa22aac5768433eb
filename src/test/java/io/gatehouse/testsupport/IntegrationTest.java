package io.gatehouse.testsupport;

import io.gatehouse.audit.OperationLog;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on a random port, on the database that
 * {@link TestDatabase} picks, driven through HTTP. All tests share one application context, so each
 * test makes its own account ({@link Fixtures#newAccount()}) and never depends on another's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gatehouse.master-key.key=" + IntegrationTest.MASTER_KEY,
        // Cheap hashing keeps the suite fast; the parameters' effect is measured in bench/, not here.
        "gatehouse.password.argon2.memory-kib=1024",
        "gatehouse.password.argon2.iterations=1",
        "gatehouse.bootstrap.password=Bootstrap-Pass-1",
        "gatehouse.cluster.poll-interval=100ms",
        // Several application contexts live at once in a run; each keeps its pool, and PostgreSQL
        // allows 100 connections in all.
        "spring.datasource.hikari.maximum-pool-size=8",
        "spring.datasource.hikari.minimum-idle=1",
        // The test client connects from 127.0.0.1, which may then name a client address in X-Forwarded-For.
        "gatehouse.http.trusted-proxies=127.0.0.1/32",
        "logging.level.root=WARN",
        "logging.level.org.springdoc=ERROR"})
public abstract class IntegrationTest {

    public static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @LocalServerPort
    protected int port;

    @Autowired
    protected Fixtures fixtures;

    protected Api api;

    @Autowired
    private OperationLog operationLog;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
        if (TestDatabase.isPostgres()) {
            registry.add("spring.flyway.schemas", () -> TestDatabase.SCHEMA);
            registry.add("spring.flyway.default-schema", () -> TestDatabase.SCHEMA);
        }
    }

    /**
     * {@code jdbc}, once every operation-log record written so far has moved from the inbox into
     * {@code operation_log}: for tests that read that table directly (the log's HTTP API does it itself).
     */
    protected JdbcClient afterSealing(JdbcClient jdbc) {
        operationLog.sealQueued();
        return jdbc;
    }

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port);
        fixtures.useApi(api);
    }
}
