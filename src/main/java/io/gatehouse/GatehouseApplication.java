package io.gatehouse;

import io.gatehouse.provisioning.AccountCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class GatehouseApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(GatehouseApplication.class);
        if (AccountCommand.isCommand(args)) {
            // The operator's command line: same store and rules as the server, no HTTP listener.
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles("command");
            System.exit(SpringApplication.exit(app.run(args)));
        }
        app.run(args);
    }
}
