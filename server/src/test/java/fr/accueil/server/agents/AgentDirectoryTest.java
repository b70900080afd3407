package fr.accueil.server.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.telephony.registrar.DigestAlgorithm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentDirectoryTest {
    private static AgentSettings.Account account(String id, String username, String password) {
        return new AgentSettings.Account(id, "Agent " + id, username, password, Map.of("etat-civil", 3), List.of("etat-civil"));
    }

    @Test
    void readsHashedPasswordsPerAlgorithm() {
        String sha = DigestAlgorithm.SHA_256.ha1("alice", "mairie", "pw");
        String md5 = DigestAlgorithm.MD5.ha1("alice", "mairie", "pw");
        AgentDirectory directory = new AgentDirectory("mairie", List.of(account("a1", "alice", "sha256:" + sha + ", md5:" + md5.toUpperCase())));

        var credentials = directory.find("alice", "mairie").orElseThrow();
        assertThat(credentials.ha1(DigestAlgorithm.SHA_256)).contains(sha);
        assertThat(credentials.ha1(DigestAlgorithm.MD5)).contains(md5);
        assertThat(directory.find("alice", "other-realm")).isEmpty();
        assertThat(directory.find("bob", "mairie")).isEmpty();
    }

    @Test
    void aNoopPasswordIsHashedForTheRealm() {
        AgentDirectory directory = new AgentDirectory("mairie", List.of(account("a1", "alice", "{noop}pw")));
        assertThat(directory.find("alice", "mairie").orElseThrow().ha1(DigestAlgorithm.MD5))
                .contains(DigestAlgorithm.MD5.ha1("alice", "mairie", "pw"));
    }

    @Test
    void refusesBadAccountsNamingTheProperty() {
        assertThatThrownBy(() -> new AgentDirectory("r", List.of(account("a1", "alice", "clear-text"))))
                .hasMessageContaining("accueil.agents.accounts[0].password");
        assertThatThrownBy(() -> new AgentDirectory("r", List.of(account("a1", "alice", "sha256:abcd"))))
                .hasMessageContaining("accueil.agents.accounts[0].password").hasMessageContaining("64");
        assertThatThrownBy(() -> new AgentDirectory("r", List.of(account("a1", "alice", "{noop}x"), account("a2", "alice", "{noop}y"))))
                .hasMessageContaining("username alice appears twice");
        assertThatThrownBy(() -> new AgentDirectory("r", List.of(new AgentSettings.Account("a1", "A", "alice", "{noop}x",
                Map.of("etat-civil", 7), List.of("etat-civil"))))).hasMessageContaining("skills.etat-civil must be between 1 and 5");
    }

    @Test
    void algorithmsAreReadInOrderAndUnknownOnesRefused() {
        assertThat(AgentsConfiguration.algorithms(List.of("md5", " SHA256"))).containsExactly(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
        assertThatThrownBy(() -> AgentsConfiguration.algorithms(List.of("sha1"))).hasMessageContaining("accueil.agents.algorithms");
    }

    @Test
    void passwordsAreNotPrinted() {
        assertThat(account("a1", "alice", "{noop}secret").toString()).doesNotContain("secret");
    }
}
