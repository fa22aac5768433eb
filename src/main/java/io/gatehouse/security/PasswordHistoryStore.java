package io.gatehouse.security;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The hashes of each user's latest passwords, newest last; rows go with the user. */
@Repository
class PasswordHistoryStore {

    private final JdbcClient jdbc;

    PasswordHistoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The hashes of the user's latest {@code count} passwords, newest first. */
    List<String> latest(String userId, int count) {
        return jdbc.sql("SELECT password_hash FROM password_history WHERE user_id = :userId ORDER BY id DESC LIMIT :count")
                .param("userId", userId).param("count", count).query(String.class).list();
    }

    /** Adds a password and forgets all but the latest {@code keep}. */
    void add(String userId, String hash, Instant at, int keep) {
        jdbc.sql("INSERT INTO password_history (user_id, password_hash, set_at) VALUES (:userId, :hash, :at)")
                .param("userId", userId).param("hash", hash).param("at", WireTime.toSql(at)).update();
        jdbc.sql("""
                DELETE FROM password_history WHERE user_id = :userId AND id NOT IN (
                  SELECT id FROM password_history WHERE user_id = :userId ORDER BY id DESC LIMIT :keep)""")
                .param("userId", userId).param("keep", keep).update();
    }
}
