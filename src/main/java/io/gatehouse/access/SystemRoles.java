package io.gatehouse.access;

/** Ids of the system roles that migrations V2 and V9 seed. */
final class SystemRoles {

    static final String TENANT_ADMINISTRATOR = "00000000000000000000000000000001";
    static final String SECURITY_ADMINISTRATOR = "00000000000000000000000000000002";
    static final String TENANT_GUEST = "00000000000000000000000000000003";
    static final String IAM_FULL_ACCESS = "00000000000000000000000000000004";
    static final String IAM_READ_ONLY_ACCESS = "00000000000000000000000000000005";
    /** Every action of every service; what the admin group holds. */
    static final String FULL_ACCESS = "00000000000000000000000000000006";

    private SystemRoles() {
    }
}
