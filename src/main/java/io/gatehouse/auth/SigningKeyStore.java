package io.gatehouse.auth;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SigningKeyStore {

    private final JdbcClient jdbc;

    SigningKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String kid, String algorithm, String publicKey, String privateKeyEnc, Instant createdAt,
            Instant retireAfter) {
    }

    void insert(Row row) {
        jdbc.sql("""
                INSERT INTO signing_key (kid, algorithm, public_key, private_key_enc, created_at, retire_after)
                VALUES (:kid, :algorithm, :publicKey, :privateKeyEnc, :createdAt, :retireAfter)""")
                .param("kid", row.kid()).param("algorithm", row.algorithm()).param("publicKey", row.publicKey())
                .param("privateKeyEnc", row.privateKeyEnc()).param("createdAt", WireTime.toSql(row.createdAt()))
                .param("retireAfter", WireTime.toSql(row.retireAfter())).update();
    }

    Optional<Row> newest() {
        return jdbc.sql("SELECT * FROM signing_key ORDER BY created_at DESC LIMIT 1").query(SigningKeyStore::map)
                .optional();
    }

    List<Row> usable(Instant now) {
        return jdbc.sql("SELECT * FROM signing_key WHERE retire_after > :now ORDER BY created_at")
                .param("now", WireTime.toSql(now)).query(SigningKeyStore::map).list();
    }

    private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getString("kid"), rs.getString("algorithm"), rs.getString("public_key"),
                rs.getString("private_key_enc"), WireTime.fromSql(rs.getObject("created_at", OffsetDateTime.class)),
                WireTime.fromSql(rs.getObject("retire_after", OffsetDateTime.class)));
    }
}
