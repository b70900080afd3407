package fr.accueil.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Accueil platform: wires core and telephony, persistence and the web API. */
@SpringBootApplication
public class AccueilApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccueilApplication.class, args);
    }
}
