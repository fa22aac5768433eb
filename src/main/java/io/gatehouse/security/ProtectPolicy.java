package io.gatehouse.security;

import java.time.Instant;

/**
 * An account's protect policy: whether sensitive operations need a fresh second factor
 * ({@code operationProtection}, see {@link OperationProtectionService}), who verifies them ({@code adminCheck},
 * {@code scene}, {@code mobile}, {@code email}), and what users may change about themselves
 * ({@code allow_user}).
 */
public record ProtectPolicy(boolean operationProtection, boolean manageAccesskey, boolean manageEmail,
        boolean manageMobile, boolean managePassword, String adminCheck, String scene, String mobile, String email,
        Instant updateTime) {

    public static final String ON = "on";
    public static final String OFF = "off";
    public static final String SCENE_MOBILE = "mobile";
    public static final String SCENE_EMAIL = "email";

    /** Huawei's defaults: no operation protection, and users manage all of their own credentials. */
    public static final ProtectPolicy DEFAULTS = new ProtectPolicy(false, true, true, true, true, OFF, null, null,
            null, null);

    /** What a user may change about itself, each switched by one {@code allow_user} member. */
    public enum SelfService {
        ACCESS_KEYS, EMAIL, MOBILE, PASSWORD
    }

    public boolean allows(SelfService what) {
        return switch (what) {
            case ACCESS_KEYS -> manageAccesskey;
            case EMAIL -> manageEmail;
            case MOBILE -> manageMobile;
            case PASSWORD -> managePassword;
        };
    }
}
