package fr.accueil.server.agents;

import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentProfile;
import fr.accueil.core.routing.Skill;
import fr.accueil.core.routing.SkillLevel;
import fr.accueil.telephony.registrar.AgentCredentials;
import fr.accueil.telephony.registrar.DigestAlgorithm;
import fr.accueil.telephony.registrar.StoredCredentials;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent accounts, built once from {@link AgentSettings} (a wrong account stops the start-up with a
 * message naming it). Immutable, hence thread-safe; serves the registrar's credential look-ups.
 */
public final class AgentDirectory implements AgentCredentials {
    private static final String NOOP = "{noop}";

    private final String realm;
    private final Map<AgentId, AgentAccount> byId;
    private final Map<String, AgentAccount> byUsername;

    public AgentDirectory(String realm, List<AgentSettings.Account> accounts) {
        this.realm = realm;
        Map<AgentId, AgentAccount> ids = new LinkedHashMap<>();
        Map<String, AgentAccount> usernames = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            AgentAccount account = toAccount(realm, accounts.get(i), "accueil.agents.accounts[" + i + "]");
            if (ids.putIfAbsent(account.profile().id(), account) != null) {
                throw new IllegalArgumentException("accueil.agents.accounts: agent id " + account.profile().id() + " appears twice");
            }
            if (usernames.putIfAbsent(account.username(), account) != null) {
                throw new IllegalArgumentException("accueil.agents.accounts: username " + account.username() + " appears twice");
            }
        }
        this.byId = Map.copyOf(ids);
        this.byUsername = Map.copyOf(usernames);
    }

    /** Two agents for {@code ./accueil demo}: usernames agent1/agent2, passwords demo-agent1/demo-agent2. */
    public static List<AgentSettings.Account> demoAccounts() {
        return List.of(
                new AgentSettings.Account("agent1", "Camille Martin", "agent1", NOOP + "demo-agent1",
                        Map.of("etat-civil", 3), List.of("etat-civil")),
                new AgentSettings.Account("agent2", "Louis Bernard", "agent2", NOOP + "demo-agent2",
                        Map.of("etat-civil", 2, "urbanisme", 4), List.of("etat-civil", "urbanisme")));
    }

    public String realm() {
        return realm;
    }

    public List<AgentAccount> accounts() {
        return byId.values().stream().sorted((a, b) -> a.profile().id().compareTo(b.profile().id())).toList();
    }

    public Optional<AgentAccount> byId(AgentId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The account signing in with this SIP username (the agents' web page uses the same credentials). */
    public Optional<AgentAccount> byUsername(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    @Override
    public Optional<StoredCredentials> find(String username, String realm) {
        if (!this.realm.equals(realm)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byUsername.get(username)).map(AgentAccount::credentials);
    }

    private static AgentAccount toAccount(String realm, AgentSettings.Account a, String where) {
        require(a.id() != null && !a.id().isBlank(), where + ".id must be set");
        require(a.username() != null && a.username().matches("[A-Za-z0-9._\\-]{1,64}"),
                where + ".username must be 1-64 letters, digits, '.', '_' or '-'");
        require(a.password() != null && !a.password().isBlank(), where + ".password must be set");
        require(a.services() != null && !a.services().isEmpty(), where + ".services must list at least one service");
        Map<Skill, SkillLevel> skills = new HashMap<>();
        a.skills().forEach((name, level) -> {
            require(level != null && level >= 1 && level <= 5, where + ".skills." + name + " must be between 1 and 5, got " + level);
            skills.put(new Skill(name), SkillLevel.of(level));
        });
        AgentProfile profile = new AgentProfile(new AgentId(a.id()), a.name() == null ? a.id() : a.name(), skills, Set.copyOf(a.services()));
        return new AgentAccount(profile, credentials(realm, a, where));
    }

    private static StoredCredentials credentials(String realm, AgentSettings.Account a, String where) {
        String password = a.password().strip();
        if (password.startsWith(NOOP)) {
            return StoredCredentials.fromPassword(a.username(), realm, password.substring(NOOP.length()));
        }
        Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
        for (String part : password.split(",")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            Optional<DigestAlgorithm> algorithm = colon < 0 ? Optional.empty()
                    : List.of(DigestAlgorithm.values()).stream().filter(d -> d.configPrefix().equals(p.substring(0, colon))).findFirst();
            require(algorithm.isPresent(), where + ".password must be sha256:<hex HA1>, md5:<hex HA1> (comma-separated) or {noop}<clear>");
            ha1.put(algorithm.get(), p.substring(colon + 1).toLowerCase(java.util.Locale.ROOT));
        }
        try {
            return new StoredCredentials(a.username(), ha1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".password: " + e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
