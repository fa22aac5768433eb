package io.gatehouse.account;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountStore {

    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Account account) {
        jdbc.sql("INSERT INTO account (id, name, enabled, create_time) VALUES (:id, :name, :enabled, :createTime)")
                .param("id", account.id()).param("name", account.name()).param("enabled", account.enabled())
                .param("createTime", WireTime.toSql(account.createTime())).update();
    }

    Optional<Account> findById(String id) {
        return jdbc.sql("SELECT * FROM account WHERE id = :id").param("id", id).query(AccountStore::map).optional();
    }

    Optional<Account> findByName(String name) {
        return jdbc.sql("SELECT * FROM account WHERE name = :name").param("name", name).query(AccountStore::map)
                .optional();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("name"), rs.getBoolean("enabled"),
                WireTime.fromSql(rs.getObject("create_time", OffsetDateTime.class)));
    }
}
