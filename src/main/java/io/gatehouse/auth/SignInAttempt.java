package io.gatehouse.auth;

import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.user.User;

/**
 * One sign-in as the guards see it. {@code user} is null when no user matched the name; guards must
 * then behave as they would for a wrong password, so nothing tells the two apart.
 */
public record SignInAttempt(SignInRequest request, User user, ClientInfo client, String channel) {

    public boolean knownUser() {
        return user != null;
    }
}
