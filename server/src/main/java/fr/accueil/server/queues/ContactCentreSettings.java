package fr.accueil.server.queues;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code accueil.contact-centre} (see docs/configuration.md): the outbound trunk used
 * for callbacks and transfers to numbers, how callbacks are attempted, and how long a caller's last
 * agent is remembered to be offered first.
 *
 * @param trunk           the outbound SIP trunk; without a URI template, callbacks cannot be placed
 * @param callbacks       attempts, spacing, confirm key and ring time-out of callbacks
 * @param lastAgentMemory how long the agent who last handled a caller (by pseudonym) is offered first
 */
@ConfigurationProperties("accueil.contact-centre")
public record ContactCentreSettings(@DefaultValue Trunk trunk, @DefaultValue Callbacks callbacks,
                                    @DefaultValue("24h") Duration lastAgentMemory) {

    /**
     * @param uriTemplate Request-URI with {@code {number}}, e.g. {@code sip:{number}@trunk.example.net:5060}; empty: no trunk
     * @param fromNumber  the number presented to citizens
     * @param username    digest username for the trunk's challenges (empty: the trunk trusts our address)
     * @param password    digest password (a secret: never printed)
     */
    public record Trunk(@DefaultValue("") String uriTemplate, @DefaultValue("") String fromNumber,
                        @DefaultValue("") String username, @DefaultValue("") String password) {
        @Override
        public String toString() {
            return "Trunk[uriTemplate=" + uriTemplate + ", fromNumber=" + fromNumber + ", username=" + username + "]";
        }
    }

    public record Callbacks(@DefaultValue("3") int attempts, @DefaultValue("10m") Duration spacing,
                            @DefaultValue("1") char confirmKey, @DefaultValue("30s") Duration ringTimeout) {
    }
}
