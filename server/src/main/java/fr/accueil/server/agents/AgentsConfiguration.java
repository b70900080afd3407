package fr.accueil.server.agents;

import fr.accueil.server.settings.AccueilSettings;
import fr.accueil.telephony.registrar.DigestAlgorithm;
import fr.accueil.telephony.registrar.Registrar;
import fr.accueil.telephony.registrar.RegistrarSettings;
import fr.accueil.telephony.registrar.Registrations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the agents: accounts from {@code accueil.agents} (or the two demo agents when the demo directory
 * runs and no account is configured), their states, and the SIP registrar the telephony endpoint serves
 * REGISTER with.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentSettings.class)
public class AgentsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AgentsConfiguration.class);

    @Bean
    AgentDirectory agentDirectory(AgentSettings agents, AccueilSettings settings) {
        if (agents.accounts().isEmpty() && settings.usesDemoDirectory()) {
            log.info("no agent account configured: demo agents agent1 and agent2 (realm {})", agents.realm());
            return new AgentDirectory(agents.realm(), AgentDirectory.demoAccounts());
        }
        return new AgentDirectory(agents.realm(), agents.accounts());
    }

    @Bean
    Registrations registrations() {
        return new Registrations();
    }

    @Bean
    Registrar registrar(AgentSettings agents, AgentDirectory directory, Registrations registrations, Clock clock) {
        RegistrarSettings d = RegistrarSettings.defaults(agents.realm());
        RegistrarSettings settings = new RegistrarSettings(d.realm(), agents.minExpires(), agents.maxExpires(),
                agents.maxExpires(), d.nonceLifetime(), d.maxContacts(), d.maxFailures(), d.failureWindow(), d.blockFor(),
                algorithms(agents.algorithms()));
        return new Registrar(settings, directory, registrations, clock);
    }

    static List<DigestAlgorithm> algorithms(List<String> names) {
        List<DigestAlgorithm> out = new ArrayList<>();
        for (String name : names) {
            out.add(Arrays.stream(DigestAlgorithm.values()).filter(a -> a.configPrefix().equals(name.strip().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "accueil.agents.algorithms: unknown algorithm '" + name + "' (sha256 or md5)")));
        }
        return out;
    }
}
