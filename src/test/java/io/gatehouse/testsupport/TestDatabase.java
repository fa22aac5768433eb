package io.gatehouse.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database of an integration-test run, chosen by {@code -Dgatehouse.test.db}: {@code h2} (an
 * in-memory H2 in PostgreSQL mode, the default) or {@code postgres}. On PostgreSQL each JVM gets a
 * schema of its own in the {@code test} database, dropped when the JVM exits, so runs never see each
 * other's data. PostgreSQL that cannot be reached fails the run; it is never skipped silently.
 */
public final class TestDatabase {

    public static final String KIND = System.getProperty("gatehouse.test.db", "h2");
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String PG_BASE = System.getenv().getOrDefault("GATEHOUSE_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("GATEHOUSE_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = System.getenv().getOrDefault("GATEHOUSE_TEST_PG_PASSWORD", "");
    public static final String SCHEMA = "it_" + RUN;
    private static boolean hookInstalled;

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        return KIND.equals("postgres");
    }

    public static synchronized String url() {
        if (isPostgres()) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropSchema));
                hookInstalled = true;
            }
            return PG_BASE + "?currentSchema=" + SCHEMA;
        }
        return "jdbc:h2:mem:gatehouse-" + RUN + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    public static String user() {
        return isPostgres() ? PG_USER : "sa";
    }

    public static String password() {
        return isPostgres() ? PG_PASSWORD : "";
    }

    private static void dropSchema() {
        try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, PG_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
    }
}
