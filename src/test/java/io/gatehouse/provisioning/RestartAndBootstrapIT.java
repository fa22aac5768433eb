package io.gatehouse.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.GatehouseApplication;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server as an operator runs it: a first start that bootstraps the first account and prints its
 * generated password once, a restart that keeps every piece of data, and the account command.
 */
class RestartAndBootstrapIT {

    @TempDir
    Path dir;

    /** The PostgreSQL schema of this test, dropped after it. */
    private String schema;

    @org.junit.jupiter.api.AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            try (var c = java.sql.DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(),
                    TestDatabase.password()); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void restartWhenDataWrittenThenEverythingIsStillThereAndBootstrapRunsOnce() throws Exception {
        String db = database();
        Started first = start(db, List.of());
        Matcher printed = Pattern.compile("Generated password \\(shown once, not stored in clear\\): (\\S+)")
                .matcher(first.output());
        assertThat(printed.find()).as(first.output()).isTrue();
        String password = printed.group(1);
        Api api = new Api("http://127.0.0.1:" + first.port());
        Api.Response signIn = api.post("/v3/auth/tokens", null, Fixtures.passwordAuth("firstco", "root", password));
        assertThat(signIn.status()).as(signIn.toString()).isEqualTo(201);
        String token = signIn.header("X-Subject-Token");
        String domainId = signIn.json().get("token").get("domain").get("id").asString();
        Api.Response created = api.post("/v3.0/OS-USER/users", token, Map.of("user", Map.of("name", "kept",
                "domain_id", domainId, "password", "Kept-Pass-1234", "pwd_status", false)));
        assertThat(created.status()).isEqualTo(201);
        first.context().close();

        Started second = start(db, List.of());
        assertThat(second.output()).doesNotContain("Generated password");
        Api again = new Api("http://127.0.0.1:" + second.port());
        assertThat(again.post("/v3/auth/tokens", null, Fixtures.passwordAuth("firstco", "root", password)).status())
                .isEqualTo(201);
        assertThat(again.post("/v3/auth/tokens", null, Fixtures.passwordAuth("firstco", "kept", "Kept-Pass-1234"))
                .status()).isEqualTo(201);
        // Tokens are signed by keys that survive the restart.
        assertThat(again.get("/v3/users?name=kept", token).json().get("users")).hasSize(1);
        second.context().close();
    }

    @Test
    void accountCommandWhenRunThenNewAccountSignsIn() throws Exception {
        String db = database();
        Started server = start(db, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            ConfigurableApplicationContext command = builder(db).web(WebApplicationType.NONE).profiles("command")
                    .run(withArguments("account", "create", "--name=secondco", "--admin=boss"));
            command.close();
        } finally {
            System.setOut(original);
        }
        Matcher password = Pattern.compile("owner_password=(\\S+)").matcher(out.toString());
        assertThat(password.find()).as(out.toString()).isTrue();
        assertThat(out.toString()).containsPattern("account_id=[0-9a-f]{32}");

        Api api = new Api("http://127.0.0.1:" + server.port());
        Api.Response r = api.post("/v3/auth/tokens", null, Fixtures.passwordAuth("secondco", "boss", password.group(1)));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("token").get("roles").toString()).contains("system_all_0"); // FullAccess, held by the admin group
        server.context().close();
    }

    private record Started(ConfigurableApplicationContext context, int port, String output) {
    }

    private Started start(String db, List<String> extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new TeeStream(out, original), true));
        try {
            SpringApplicationBuilder builder = builder(db);
            ConfigurableApplicationContext context = builder.run(withArguments(extra.toArray(String[]::new)));
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return new Started(context, port, out.toString());
        } finally {
            System.setOut(original);
        }
    }

    private SpringApplicationBuilder builder(String db) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + db,
                "spring.datasource.username=" + TestDatabase.user(),
                "spring.datasource.password=" + TestDatabase.password(),
                "gatehouse.master-key.key-file=" + dir.resolve("master.key"),
                "gatehouse.bootstrap.account=firstco",
                "gatehouse.bootstrap.admin=root",
                "gatehouse.bootstrap.password=",
                "gatehouse.password.argon2.memory-kib=1024",
                "gatehouse.password.argon2.iterations=1",
                "logging.level.root=WARN"));
        if (schema != null) {
            properties.add("spring.flyway.schemas=" + schema);
            properties.add("spring.flyway.default-schema=" + schema);
        }
        this.arguments = properties.stream().map(p -> "--" + p).toList();
        return new SpringApplicationBuilder(GatehouseApplication.class);
    }

    /** Settings go in as command-line arguments: they must win over application.yaml, as an operator's would. */
    private List<String> arguments = List.of();

    private String[] withArguments(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(arguments);
        return all.toArray(String[]::new);
    }

    /** A database of this test's own: an H2 file under the temp dir, or a fresh PostgreSQL schema. */
    private String database() throws Exception {
        if (TestDatabase.isPostgres()) {
            schema = "it_restart_" + Fixtures.unique();
            return TestDatabase.url().replaceAll("currentSchema=[^&]*", "currentSchema=" + schema);
        }
        Files.createDirectories(dir.resolve("data"));
        return "jdbc:h2:file:" + dir.resolve("data/gatehouse") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }
    }
}
