package io.gatehouse.user;

/**
 * The writable fields of a user as a request carries them. A null field was not sent and is left as
 * it is; an empty string clears the fields that may be cleared.
 */
public record UserFields(String name, String domainId, String password, String email, String areacode,
        String phone, Boolean enabled, Boolean pwdStatus, String xuserType, String xuserId, String accessMode,
        String description) {

    public static UserFields keystone(String name, String domainId, String password, Boolean enabled,
            String description, Boolean pwdStatus) {
        return new UserFields(name, domainId, password, null, null, null, enabled, pwdStatus, null, null, null,
                description);
    }
}
