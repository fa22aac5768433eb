package io.gatehouse.testsupport;

import io.gatehouse.GatehouseApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second Gatehouse node on this test run's database and master key, for the tests that prove a
 * rule holds across nodes (one counter, one replay check, one cache invalidation for all of them).
 */
public final class SecondNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a node; start it after the first one, which has migrated the database. */
    public static SecondNode start() {
        return start(new String[0]);
    }

    /** Starts a node with more settings ({@code --name=value}), such as those of a test's own context. */
    public static SecondNode start(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.url(),
                "--spring.datasource.username=" + TestDatabase.user(),
                "--spring.datasource.password=" + TestDatabase.password(),
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--spring.datasource.hikari.minimum-idle=1",
                "--gatehouse.master-key.key=" + IntegrationTest.MASTER_KEY,
                "--gatehouse.password.argon2.memory-kib=1024",
                "--gatehouse.password.argon2.iterations=1",
                "--gatehouse.bootstrap.password=Bootstrap-Pass-1",
                "--gatehouse.cluster.poll-interval=100ms",
                "--logging.level.root=WARN"));
        args.addAll(List.of(extra));
        if (TestDatabase.isPostgres()) {
            args.add("--spring.flyway.schemas=" + TestDatabase.SCHEMA);
            args.add("--spring.flyway.default-schema=" + TestDatabase.SCHEMA);
        }
        return new SecondNode(new SpringApplicationBuilder(GatehouseApplication.class).run(args.toArray(String[]::new)));
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Override
    public void close() {
        context.close();
    }
}
