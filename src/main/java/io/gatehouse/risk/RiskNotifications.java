package io.gatehouse.risk;

import io.gatehouse.mfa.UserNotifier;
import io.gatehouse.user.UserService;
import org.springframework.stereotype.Component;

/**
 * Tells the user of a risk event, by the channels its rule asks for, and records how that went on the
 * event ({@code sent}, {@code partial}, {@code failed}, {@code no_destination}). Runs after the detector's
 * commit; a node that stops in between leaves the event {@code pending}, and it is not sent again.
 */
@Component
class RiskNotifications {

    private final UserService users;
    private final UserNotifier notifier;
    private final RiskEventStore events;

    RiskNotifications(UserService users, UserNotifier notifier, RiskEventStore events) {
        this.users = users;
        this.notifier = notifier;
        this.events = events;
    }

    void send(DetectionBatch.Raised raised) {
        RiskEvent e = raised.event();
        String outcome = users.findById(e.userId())
                .map(user -> notifier.notify(user, raised.notifyEmail(), raised.notifySms(), subject(e), text(e))
                        .summary())
                .orElse("no_destination");
        events.notified(e.id(), outcome);
    }

    static String subject(RiskEvent e) {
        return e.type() == RiskType.ACCOUNT_LOCKED ? "Your user " + e.userName() + " was locked out"
                : "Unusual sign-in to your user " + e.userName();
    }

    static String text(RiskEvent e) {
        return """
                Hello %s,

                %s

                If this was you, there is nothing to do. If it was not, change your password now (which ends every \
                session) and tell your administrator.
                """.formatted(e.userName(), e.description());
    }
}
