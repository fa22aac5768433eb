package io.gatehouse.security;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The second-factor verifications of tokens, which operation protection asks of sensitive actions. */
@Repository
class OperationVerificationStore {

    private final JdbcClient jdbc;

    OperationVerificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenId, String userId, String domainId, String method, Instant verifiedAt) {
        jdbc.sql("""
                INSERT INTO operation_verification (token_id, user_id, domain_id, method, verified_at)
                VALUES (:tokenId, :userId, :domainId, :method, :at)""")
                .param("tokenId", tokenId).param("userId", userId).param("domainId", domainId)
                .param("method", method).param("at", WireTime.toSql(verifiedAt)).update();
    }

    /** Whether the user verified with this token after {@code since}: one read of the token's index. */
    boolean verifiedSince(String tokenId, String userId, Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM operation_verification
                WHERE token_id = :tokenId AND verified_at > :since AND user_id = :userId""")
                .param("tokenId", tokenId).param("since", WireTime.toSql(since)).param("userId", userId)
                .query(Long.class).single() > 0;
    }

    /** Deletes verifications made before {@code cutoff}; returns how many. */
    int purge(Instant cutoff) {
        return jdbc.sql("DELETE FROM operation_verification WHERE verified_at < :cutoff")
                .param("cutoff", WireTime.toSql(cutoff)).update();
    }
}
