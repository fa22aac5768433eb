package io.gatehouse.provisioning;

import io.gatehouse.account.AccountService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * On the first start (no account yet), creates the first account and its owner from
 * {@code GATEHOUSE_BOOTSTRAP_*}. Without a configured password it generates one and prints it once,
 * to standard output and never to the log.
 */
@Component
@Profile("!command")
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final AccountService accounts;
    private final AccountProvisioner provisioner;
    private final String accountName;
    private final String adminName;
    private final String adminPassword;

    Bootstrap(AccountService accounts, AccountProvisioner provisioner,
            @Value("${gatehouse.bootstrap.account:gatehouse}") String accountName,
            @Value("${gatehouse.bootstrap.admin:admin}") String adminName,
            @Value("${gatehouse.bootstrap.password:}") String adminPassword) {
        this.accounts = accounts;
        this.provisioner = provisioner;
        this.accountName = accountName;
        this.adminName = adminName;
        this.adminPassword = adminPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyExists()) {
            return;
        }
        boolean generated = adminPassword == null || adminPassword.isBlank();
        String password = generated ? GeneratedPassword.create() : adminPassword;
        AccountProvisioner.Provisioned p;
        try {
            p = provisioner.provision(accountName, adminName, password);
        } catch (RuntimeException e) {
            if (accounts.anyExists()) {
                // Another node starting at the same moment bootstrapped first.
                log.info("The first account was created by another node");
                return;
            }
            throw e;
        }
        log.info("Created the first account '{}' ({}) with owner '{}' ({})", p.account().name(), p.account().id(),
                p.owner().name(), p.owner().id());
        if (generated) {
            System.out.println();
            System.out.println("==================================================================");
            System.out.println(" Gatehouse first start: account '" + p.account().name() + "', owner '" + p.owner().name() + "'");
            System.out.println(" Generated password (shown once, not stored in clear): " + password);
            System.out.println("==================================================================");
            System.out.println();
        }
    }
}
