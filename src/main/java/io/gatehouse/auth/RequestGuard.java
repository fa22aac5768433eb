package io.gatehouse.auth;

import io.gatehouse.common.web.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A check on every authenticated API request, after the token and before the action is decided,
 * such as the account's API access ACL. It refuses by throwing an {@code ApiException}. It must not
 * read the database on the hot path: cache what it needs.
 */
public interface RequestGuard {

    void check(Caller caller, HttpServletRequest request);
}
