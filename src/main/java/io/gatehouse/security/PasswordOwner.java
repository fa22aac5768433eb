package io.gatehouse.security;

import java.time.Instant;

/**
 * Whose password is being set, as far as the password rules need to know.
 *
 * @param userId null for a user being created
 * @param name the user name, for the rule against the name and the name reversed
 * @param email and {@code phone}: a password must not contain them; null when the user has none
 * @param currentPasswordHash the hash of the current password, null when there is none
 * @param passwordSetAt when the current password was set, for the minimum password age
 */
public record PasswordOwner(String userId, String name, String email, String phone, String currentPasswordHash,
        Instant passwordSetAt) {

    /** A user that does not exist yet. */
    public static PasswordOwner newUser(String name, String email, String phone) {
        return new PasswordOwner(null, name, email, phone, null, null);
    }

    @Override
    public String toString() {
        return "PasswordOwner[userId=" + userId + ", name=" + name + "]";
    }
}
