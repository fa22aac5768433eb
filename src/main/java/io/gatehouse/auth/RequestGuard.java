package io.gatehouse.auth;

import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Checks on every authenticated API request, in two places: {@link #check} after the token and before
 * the action is decided (the account's API access ACL), and {@link #checkAllowed} once the declared
 * action is decided and allowed (operation protection, which only concerns callers who may act). A
 * guard refuses by throwing an {@code ApiException}. It must not read the database on the hot path:
 * cache what it needs.
 */
public interface RequestGuard {

    /** Before the action is decided. */
    default void check(Caller caller, HttpServletRequest request) {
    }

    /** After the caller was found allowed to perform {@code action}, before the handler runs. */
    default void checkAllowed(Caller caller, RequiresAction action, HttpServletRequest request) {
    }
}
