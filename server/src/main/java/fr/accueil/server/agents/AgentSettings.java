package fr.accueil.server.agents;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code accueil.agents} (see docs/configuration.md): the registrar's realm and
 * limits, and the agent accounts. Validated when bound. With no account configured and the demo
 * directory in use, {@link AgentDirectory} installs two demo agents.
 *
 * @param realm       digest realm phones authenticate in; HA1 digests must be computed for it
 * @param minExpires  shortest registration accepted (shorter: 423)
 * @param maxExpires  longest registration granted
 * @param algorithms  digest algorithms challenged with, in this order ({@code sha256}, {@code md5}); put
 *                    {@code md5} first for phones that read only the first challenge
 * @param accounts    the agents
 */
@ConfigurationProperties("accueil.agents")
public record AgentSettings(@DefaultValue("accueil") String realm,
                            @DefaultValue("60s") Duration minExpires,
                            @DefaultValue("1h") Duration maxExpires,
                            @DefaultValue({"sha256", "md5"}) List<String> algorithms,
                            @DefaultValue List<Account> accounts) {

    public AgentSettings {
        accounts = List.copyOf(accounts);
        algorithms = List.copyOf(algorithms);
    }

    /**
     * One agent account.
     *
     * @param password {@code sha256:<hex HA1>} and/or {@code md5:<hex HA1>} separated by commas, HA1 being
     *                 H(username:realm:password); or {@code {noop}clear} for a demo only (hashed at start-up,
     *                 the clear text is not kept)
     * @param skills   skill name to level 1–5
     * @param services services whose queues the agent serves
     */
    public record Account(String id, String name, String username, String password,
                          @DefaultValue Map<String, Integer> skills, @DefaultValue List<String> services) {

        /** The password is a secret, even hashed: never printed. */
        @Override
        public String toString() {
            return "Account[id=" + id + ", name=" + name + ", username=" + username + ", skills=" + skills
                    + ", services=" + services + "]";
        }
    }
}
