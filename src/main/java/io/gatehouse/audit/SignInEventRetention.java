package io.gatehouse.audit;

import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Sign-in events older than their retention go, account by account, and then those of no account. */
@Component
class SignInEventRetention implements RetainedLog {

    private final AccountPurge purge;

    SignInEventRetention(JdbcClient jdbc) {
        this.purge = new AccountPurge(jdbc, "signin_event", "TRUE");
    }

    @Override
    public String name() {
        return "signin-event";
    }

    @Override
    public long purge(Instant cutoff, RetentionBatches batches) {
        long deleted = 0;
        for (String account : purge.accounts()) {
            deleted += purge.purge(account, cutoff, batches, Map.of());
        }
        return deleted + purge.purge(null, cutoff, batches, Map.of());
    }
}
