package fr.accueil.server.simulation;

import fr.accueil.core.routing.AgentId;
import fr.accueil.server.agents.AgentDirectory;
import fr.accueil.server.agents.AgentSettings;
import fr.accueil.server.agents.AgentStateChanger;
import fr.accueil.server.queues.ContactCentreSettings;
import fr.accueil.server.settings.AccueilSettings;
import fr.accueil.telephony.sip.SipEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The traffic simulator ({@code accueil.simulation.enabled=true}, set by {@code ./accueil demo --simulate}).
 * It plays the agents whose password it can know: the demo agents, or configured accounts with a
 * {@code {noop}} password; other accounts are left to people.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulationSettings.class)
@ConditionalOnProperty(name = "accueil.simulation.enabled", havingValue = "true")
public class SimulationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SimulationConfiguration.class);
    private static final String NOOP = "{noop}";

    @Bean
    TrafficSimulator trafficSimulator(SimulationSettings simulation, AccueilSettings settings, AgentSettings agents,
                                      SipEndpoint server, AgentStateChanger states, ContactCentreSettings contactCentre) {
        List<AgentSettings.Account> accounts = agents.accounts().isEmpty() && settings.usesDemoDirectory()
                ? AgentDirectory.demoAccounts() : agents.accounts();
        List<TrafficSimulator.SimulatedAgent> played = new ArrayList<>();
        for (AgentSettings.Account account : accounts) {
            if (account.password() != null && account.password().startsWith(NOOP)) {
                played.add(new TrafficSimulator.SimulatedAgent(new AgentId(account.id()), account.username(),
                        account.password().substring(NOOP.length())));
            } else {
                log.info("traffic simulator: agent {} has a hashed password, not simulated", account.id());
            }
        }
        String bind = settings.sip().bind();
        String host = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
        return new TrafficSimulator(simulation, server::port, host, played, states, contactCentre.callbacks());
    }
}
