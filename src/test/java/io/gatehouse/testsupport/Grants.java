package io.gatehouse.testsupport;

import io.gatehouse.access.AccessService;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grants roles to users through {@link AccessService}, for tests of what a grant allows. (The grant
 * endpoints are another feature's; these tests must not depend on them.)
 */
@Component
public class Grants {

    /** The system roles of migrations V2 and V9. */
    public static final String TENANT_ADMINISTRATOR = "00000000000000000000000000000001";
    public static final String SECURITY_ADMINISTRATOR = "00000000000000000000000000000002";
    public static final String TENANT_GUEST = "00000000000000000000000000000003";
    public static final String IAM_FULL_ACCESS = "00000000000000000000000000000004";
    public static final String IAM_READ_ONLY_ACCESS = "00000000000000000000000000000005";
    public static final String FULL_ACCESS = "00000000000000000000000000000006";

    private final AccessService access;
    private final TransactionTemplate tx;

    Grants(AccessService access, PlatformTransactionManager transactions) {
        this.access = access;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The role on the user's account (the scope of IAM's own actions). */
    public void onAccount(TestUser user, String roleId) {
        tx.executeWithoutResult(s -> access.grantRole(user.account().id(), "user", user.id(), roleId, "domain",
                user.account().id()));
    }

    /** The role on one project of the user's account. */
    public void onProject(TestUser user, String roleId, String projectId) {
        tx.executeWithoutResult(s -> access.grantRole(user.account().id(), "user", user.id(), roleId, "project",
                projectId));
    }

    /** The role on the account, for a user named by id (a caller made without {@link Fixtures#newUser}). */
    public void onAccount(TestAccount account, String userId, String roleId) {
        tx.executeWithoutResult(s -> access.grantRole(account.id(), "user", userId, roleId, "domain", account.id()));
    }
}
