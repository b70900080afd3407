package fr.accueil.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Entry point of the Accueil platform: wires core and telephony, persistence and the web API. */
@SpringBootApplication
public class AccueilApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(AccueilApplication.class, args);
        // Command mode (./accueil recompute, ./accueil import): the runner has done its work; exit with its code.
        if (context.getEnvironment().containsProperty("accueil.command")) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
