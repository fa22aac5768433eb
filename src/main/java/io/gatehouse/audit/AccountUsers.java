package io.gatehouse.audit;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;

/**
 * Which users an account has, for the per-user views of the logs: a user of another account, or none,
 * gets the same 404 as anywhere else in the API, rather than an empty page that the log's filter would
 * give. The user feature implements it, since it depends on this one and not the other way round.
 */
public interface AccountUsers {

    boolean existsInAccount(String domainId, String userId);

    /** 404 unless {@code userId} is the caller or a user of the caller's account. */
    default void requireInCallersAccount(Caller caller, String userId) {
        if (!caller.isSelf(userId) && !existsInAccount(caller.domainId(), userId)) {
            throw IamError.NOT_FOUND.exception("user", userId);
        }
    }
}
