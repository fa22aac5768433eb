package io.gatehouse.auth;

import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.user.UserRevocation;
import io.gatehouse.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This node's view of what is revoked: single tokens, and users whose tokens up to some instant are
 * void (password change, disable, delete). Built from the database at start, then kept current by the
 * change feed, so checking a token touches no database.
 */
@Component
class RevocationList implements ChangeListener {

    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> userNotBefore = new ConcurrentHashMap<>();
    private final Clock clock;
    private final JdbcClient jdbc;

    RevocationList(JdbcClient jdbc, UserService users, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        jdbc.sql("SELECT token_id, expires_at FROM revoked_token WHERE expires_at > :now")
                .param("now", WireTime.toSql(clock.instant()))
                .query((rs, n) -> revokedTokens.put(rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
        for (UserRevocation revocation : users.activeRevocations()) {
            userNotBefore.merge(revocation.userId(), revocation.notBefore(), RevocationList::later);
        }
    }

    boolean isRevoked(TokenClaims token) {
        return isRevoked(token.tokenId(), token.userId(), token.issuedAt());
    }

    /** A token (or what was derived from it) by its id, or anything of the user's issued at or before a user-wide revocation. */
    boolean isRevoked(String tokenId, String userId, Instant issuedAt) {
        if (tokenId != null && revokedTokens.containsKey(tokenId)) {
            return true;
        }
        Instant notBefore = userNotBefore.get(userId);
        return notBefore != null && !issuedAt.isAfter(notBefore);
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        int colon = subject.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        String id = subject.substring(0, colon);
        long value = Long.parseLong(subject.substring(colon + 1));
        if (kind == ChangeKind.TOKEN_REVOKED) {
            revokedTokens.put(id, Instant.ofEpochMilli(value));
        } else if (kind == ChangeKind.USER_TOKENS_REVOKED) {
            userNotBefore.merge(id, Instant.EPOCH.plus(value, ChronoUnit.MICROS), RevocationList::later);
        }
    }

    /** Entries for tokens that have expired anyway are no longer needed. */
    @Scheduled(fixedDelayString = "PT10M")
    void forgetExpired() {
        Instant now = clock.instant();
        revokedTokens.values().removeIf(expiry -> expiry.isBefore(now));
        jdbc.sql("DELETE FROM revoked_token WHERE expires_at < :now").param("now", WireTime.toSql(now)).update();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
