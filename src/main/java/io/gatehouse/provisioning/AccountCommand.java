package io.gatehouse.provisioning;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The operator's command for more accounts:
 * {@code java -jar gatehouse.jar account create --name=acme --admin=alice}. It runs against the same
 * database as the server, with no HTTP listener. The owner's password comes from
 * {@code GATEHOUSE_NEW_ACCOUNT_PASSWORD}, or is generated and printed once.
 */
@Component
@Profile("command")
public class AccountCommand implements ApplicationRunner, ExitCodeGenerator {

    private final AccountProvisioner provisioner;
    private int exitCode;

    AccountCommand(AccountProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    public static boolean isCommand(String[] args) {
        return args.length >= 2 && args[0].equals("account") && args[1].equals("create");
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> names = args.getOptionValues("name");
        List<String> admins = args.getOptionValues("admin");
        if (names == null || names.size() != 1 || admins == null || admins.size() != 1) {
            System.err.println("usage: gatehouse account create --name=<account> --admin=<owner user name>");
            exitCode = 2;
            return;
        }
        String configured = System.getenv("GATEHOUSE_NEW_ACCOUNT_PASSWORD");
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? GeneratedPassword.create() : configured;
        try {
            AccountProvisioner.Provisioned p = provisioner.provision(names.get(0), admins.get(0), password);
            System.out.println("account_id=" + p.account().id());
            System.out.println("owner_id=" + p.owner().id());
            if (generated) {
                System.out.println("owner_password=" + password);
            }
        } catch (RuntimeException e) {
            System.err.println("Could not create the account: " + e.getMessage());
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
