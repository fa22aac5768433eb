package io.gatehouse.provisioning;

import io.gatehouse.access.AccessService;
import io.gatehouse.account.Account;
import io.gatehouse.account.AccountService;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.web.Caller;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates an account ready to use, in one transaction: the account (domain), its default project,
 * its owner user, and its {@code admin} group with the owner in it.
 */
@Service
public class AccountProvisioner {

    private final AccountService accounts;
    private final UserService users;
    private final AccessService access;
    private final OperationLog operations;
    private final TransactionTemplate tx;

    AccountProvisioner(AccountService accounts, UserService users, AccessService access, OperationLog operations,
            PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.users = users;
        this.access = access;
        this.operations = operations;
        this.tx = new TransactionTemplate(transactions);
    }

    public record Provisioned(Account account, User owner) {
    }

    public Provisioned provision(String accountName, String ownerName, String ownerPassword) {
        return tx.execute(status -> {
            Account account = accounts.create(accountName);
            Caller system = Caller.system(account.id());
            operations.success(system, "gatehouse:accounts:createAccount", "account", account.id());
            access.createAdminGroup(account.id());
            User owner = users.createOwner(system, account.id(), ownerName, ownerPassword);
            access.addToAdminGroup(account.id(), owner.id());
            return new Provisioned(account, owner);
        });
    }
}
