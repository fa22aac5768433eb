package io.gatehouse.user;

import io.gatehouse.common.error.IamError;

/** How a user may reach Gatehouse: {@code default} (both), {@code programmatic} (API only), {@code console}. */
public enum AccessMode {
    DEFAULT("default"), PROGRAMMATIC("programmatic"), CONSOLE("console");

    private final String wire;

    AccessMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean allowsApi() {
        return this != CONSOLE;
    }

    public static AccessMode fromWire(String value) {
        for (AccessMode mode : values()) {
            if (mode.wire.equals(value)) {
                return mode;
            }
        }
        throw IamError.INVALID_ACCESS_MODE.exception();
    }
}
