package io.gatehouse.user;

import io.gatehouse.security.CharacterKinds;

/** Huawei's {@code pwd_strength}: a coarse grade of the password as it was set. */
public enum PasswordStrength {
    NONE("None"), LOW("Low"), MIDDLE("Middle"), STRONG("Strong");

    private final String wire;

    PasswordStrength(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static PasswordStrength fromWire(String value) {
        for (PasswordStrength s : values()) {
            if (s.wire.equals(value)) {
                return s;
            }
        }
        return NONE;
    }

    /** Length and variety together: 16+ characters or 12+ of three kinds is strong; 10+ of three kinds middle. */
    static PasswordStrength of(String password) {
        if (password == null) {
            return NONE;
        }
        int kinds = CharacterKinds.count(password);
        int length = password.codePointCount(0, password.length());
        if (length >= 16 && kinds >= 2 || length >= 12 && kinds >= 3) {
            return STRONG;
        }
        if (length >= 10 && kinds >= 3 || length >= 12) {
            return MIDDLE;
        }
        return LOW;
    }
}
