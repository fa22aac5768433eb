package io.gatehouse.access;

import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import java.util.Collection;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces, inside the transaction of a grant or membership change, whose access it changed, so that
 * every node drops its cached answers ({@link ChangeKind#ACCESS_CHANGED}). A change that reaches many
 * users at once, such as a grant to a large group, is announced once for the whole account
 * ({@link ChangeKind#ACCOUNT_ACCESS_CHANGED}).
 */
@Component
public class AccessChanges {

    /** Above this many users, one account-wide event replaces one event per user. */
    static final int MAX_USER_EVENTS = 50;

    private final ChangeFeed changes;

    AccessChanges(ChangeFeed changes) {
        this.changes = changes;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void userChanged(String userId) {
        changes.publish(ChangeKind.ACCESS_CHANGED, userId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void usersChanged(String domainId, Collection<String> userIds) {
        if (userIds.size() > MAX_USER_EVENTS) {
            accountChanged(domainId);
        } else {
            userIds.forEach(this::userChanged);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void accountChanged(String domainId) {
        changes.publish(ChangeKind.ACCOUNT_ACCESS_CHANGED, domainId);
    }
}
