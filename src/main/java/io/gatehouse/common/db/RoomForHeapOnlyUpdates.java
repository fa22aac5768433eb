package io.gatehouse.common.db;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration V18: leaves a fifth of each new page free in the tables whose rows are updated again and
 * again without a change to an indexed column: the user (every sign-in sets its last-login time) and the
 * sign-in rollups (every sign-in adds to about a dozen cells). PostgreSQL can then write the new version
 * on the same page, a heap-only update that writes no index entry; on a full page it writes one in every
 * index (five for {@code iam_user}). A fill factor is PostgreSQL's own storage setting, with no H2
 * counterpart, so this migration is Java: it does nothing on other databases, and one migration history
 * still serves both. Existing pages keep their fill until they are rewritten.
 */
@Component
class RoomForHeapOnlyUpdates implements JavaMigration {

    private static final String[] TABLES = {"iam_user", "signin_daily", "signin_weekly"};
    private static final int FILL_FACTOR = 80;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("18");
    }

    @Override
    public String getDescription() {
        return "room for heap only updates";
    }

    @Override
    public Integer getChecksum() {
        return FILL_FACTOR;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("ALTER TABLE " + table + " SET (fillfactor = " + FILL_FACTOR + ")");
            }
        }
    }
}
