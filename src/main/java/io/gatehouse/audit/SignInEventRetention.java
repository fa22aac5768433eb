package io.gatehouse.audit;

import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Sign-in events older than their retention go, by ranges of ids. */
@Component
class SignInEventRetention implements RetainedLog {

    private final IdRangePurge purge;

    SignInEventRetention(JdbcClient jdbc) {
        this.purge = new IdRangePurge(jdbc, "signin_event", "TRUE");
    }

    @Override
    public String name() {
        return "signin-event";
    }

    @Override
    public long purge(Instant cutoff, RetentionBatches batches) {
        return purge.purge(cutoff, batches, Map.of());
    }
}
