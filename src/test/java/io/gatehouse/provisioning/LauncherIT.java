package io.gatehouse.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented server start, {@code bin/gatehouse}, on the packaged jar: the server runs on its
 * ahead-of-time processed context (Spring AOT), and the operator's {@code account create}, which AOT
 * cannot serve (it freezes the default profile), runs through the same script without it. Tests
 * elsewhere start the context in-process and never see the AOT path.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String PASSWORD = "Launch-Passw0rd-1";

    @TempDir
    Path dir;

    private String schema;
    private Process server;

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (schema != null) {
            try (var c = java.sql.DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(),
                    TestDatabase.password()); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void launcherWhenServerStartsThenAotContextServesAndAccountCommandRunsWithoutIt() throws Exception {
        String db = database();
        int port = freePort();
        Path serverLog = dir.resolve("server.log");
        server = launch(db, List.of("--server.port=" + port), serverLog);
        Api api = new Api("http://127.0.0.1:" + port);
        awaitReady(api, serverLog);

        assertThat(Files.readString(serverLog)).contains("Starting AOT-processed GatehouseApplication");
        Api.Response signIn = api.post("/v3/auth/tokens", null, Fixtures.passwordAuth("launchco", "root", PASSWORD));
        assertThat(signIn.status()).as(signIn.toString()).isEqualTo(201);
        String token = signIn.header("X-Subject-Token");
        assertThat(api.get("/v3/users?name=root", token).json().get("users")).hasSize(1);
        stop(server);

        // An H2 file admits one process at a time, so the command runs between two starts of the server.
        Path commandLog = dir.resolve("command.log");
        Process command = launch(db, List.of("account", "create", "--name=secondco", "--admin=boss"), commandLog);
        assertThat(command.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(commandLog);
        assertThat(command.exitValue()).as(printed).isZero();
        assertThat(printed).doesNotContain("AOT-processed");
        Matcher generated = Pattern.compile("owner_password=(\\S+)").matcher(printed);
        assertThat(generated.find()).as(printed).isTrue();

        server = launch(db, List.of("--server.port=" + port), dir.resolve("server2.log"));
        awaitReady(api, dir.resolve("server2.log"));
        Api.Response boss = api.post("/v3/auth/tokens", null,
                Fixtures.passwordAuth("secondco", "boss", generated.group(1)));
        assertThat(boss.status()).as(boss.toString()).isEqualTo(201);
        stop(server);
    }

    private Process launch(String db, List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/gatehouse").toString()));
        command.addAll(arguments);
        if (schema != null) {
            command.add("--spring.flyway.schemas=" + schema);
            command.add("--spring.flyway.default-schema=" + schema);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // One extraction and CDS archive for both database passes, apart from the one bench/ and operators use.
        env.put("APP_DIR", ROOT.resolve("target/launcher-it-app").toString());
        env.put("GATEHOUSE_DB_URL", db);
        env.put("GATEHOUSE_DB_USER", TestDatabase.user());
        env.put("GATEHOUSE_DB_PASSWORD", TestDatabase.password());
        env.put("GATEHOUSE_BIND_ADDRESS", "127.0.0.1");
        env.put("GATEHOUSE_MASTER_KEY_FILE", dir.resolve("master.key").toString());
        env.put("GATEHOUSE_BOOTSTRAP_ACCOUNT", "launchco");
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN", "root");
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", PASSWORD);
        env.remove("GATEHOUSE_MASTER_KEY");
        return builder.start();
    }

    private void awaitReady(Api api, Path log) throws Exception {
        // The first launch after a build also extracts the jar and records the CDS archive.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("server exited:\n%s", Files.readString(log)).isTrue();
            try {
                if (api.get("/actuator/health/readiness", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // connection refused until Tomcat is up
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within 3 minutes:\n" + Files.readString(log));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("graceful stop").isTrue();
    }

    private String database() throws IOException {
        if (TestDatabase.isPostgres()) {
            schema = "it_launch_" + Fixtures.unique();
            return TestDatabase.url().replaceAll("currentSchema=[^&]*", "currentSchema=" + schema);
        }
        Files.createDirectories(dir.resolve("data"));
        return "jdbc:h2:file:" + dir.resolve("data/gatehouse")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
