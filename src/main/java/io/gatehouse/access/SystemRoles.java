package io.gatehouse.access;

/** Ids of the system roles that migration V2 seeds. */
final class SystemRoles {

    static final String TENANT_ADMINISTRATOR = "00000000000000000000000000000001";
    static final String SECURITY_ADMINISTRATOR = "00000000000000000000000000000002";

    private SystemRoles() {
    }
}
