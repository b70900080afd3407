package fr.accueil.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.telephony.testing.CallOptions;
import fr.accueil.telephony.testing.Dialog;
import fr.accueil.telephony.testing.SipMessage;
import fr.accueil.telephony.testing.TestPhone;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Feature codes dialled from a registered agent's phone (the independent Java test phone, digest
 * authentication over real SIP): the state changes in the contact centre, as the agents API shows it,
 * and the agent hears a confirmation before the platform hangs up. Without credentials, 407; with a
 * wrong password, 403; in both cases the state does not move. The demo agents' accounts, configured
 * here (the end-to-end directory file is not the demo, so they are not installed by themselves).
 */
@TestPropertySource(properties = {
        "accueil.agents.accounts[0].id=agent1", "accueil.agents.accounts[0].name=Camille Martin",
        "accueil.agents.accounts[0].username=agent1", "accueil.agents.accounts[0].password={noop}demo-agent1",
        "accueil.agents.accounts[0].skills.etat-civil=3", "accueil.agents.accounts[0].services[0]=etat-civil",
        "accueil.agents.accounts[1].id=agent2", "accueil.agents.accounts[1].name=Louis Bernard",
        "accueil.agents.accounts[1].username=agent2", "accueil.agents.accounts[1].password={noop}demo-agent2",
        "accueil.agents.accounts[1].skills.etat-civil=2", "accueil.agents.accounts[1].services[0]=etat-civil"})
class FeatureCodesEndToEndTest extends EndToEndTestBase {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private TestPhone phone;

    @BeforeEach
    void phone() {
        phone = TestPhone.udp(sipAddress());
    }

    @AfterEach
    void close() throws Exception {
        phone.close();
        // The context is shared with the other end-to-end tests: leave the demo agents logged out.
        for (String agent : new String[] {"agent1", "agent2"}) {
            if (!agent(agent).get("state").asString().equals("LOGGED_OUT")) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/agents/" + agent + "/state"))
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"LOGGED_OUT\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
            }
        }
    }

    private JsonNode agent(String id) throws Exception {
        for (JsonNode agent : getJson("/api/v1/agents")) {
            if (agent.get("id").asString().equals(id)) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + id);
    }

    /** Dials the code as agent1 with its credentials; the confirmation is heard, then the platform hangs up. */
    private Dialog dialAsAgent1(String code) throws Exception {
        Dialog call = phone.call(code, CallOptions.defaults().withCaller("agent1").withCredentials("agent1", "demo-agent1"));
        assertThat(call.status()).as(call.transcript().toString()).isEqualTo(200);
        call.awaitRemoteBye(WAIT);
        assertThat(call.rtp().stats().heardNonSilentAudio()).as("the confirmation is heard").isTrue();
        return call;
    }

    @Test
    void aRegisteredAgentLogsInPausesGetsReadyAndLogsOutFromThePhone() throws Exception {
        SipMessage registered = phone.register("agent1", "demo-agent1", 300, WAIT);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(agent("agent1").get("state").asString()).isEqualTo("LOGGED_OUT");

        Dialog logIn = dialAsAgent1("*1");
        assertThat(logIn.transcript()).as("challenged first").anyMatch(line -> line.contains("407"));
        JsonNode available = agent("agent1");
        assertThat(available.get("state").asString()).isEqualTo("AVAILABLE");
        assertThat(available.hasNonNull("since")).isTrue();
        assertThat(available.get("contacts")).hasSize(1);

        dialAsAgent1("*2");
        JsonNode paused = agent("agent1");
        assertThat(paused.get("state").asString()).isEqualTo("PAUSED");
        assertThat(paused.get("pauseReason").asString()).isEqualTo("Pause");

        dialAsAgent1("*3");
        assertThat(agent("agent1").get("state").asString()).isEqualTo("AVAILABLE");

        dialAsAgent1("*9");
        assertThat(agent("agent1").get("state").asString()).isEqualTo("LOGGED_OUT");

        // Refused transition (pause while logged out): "Changement impossible" is said, nothing changes.
        dialAsAgent1("*2");
        assertThat(agent("agent1").get("state").asString()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void anUnknownFeatureCodeIsNotFound() throws Exception {
        Dialog call = phone.call("*7", CallOptions.defaults().withCredentials("agent1", "demo-agent1"));
        assertThat(call.status()).isEqualTo(404);
        assertThat(agent("agent1").get("state").asString()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void withoutCredentialsTheCodeIsChallengedAndTheStateDoesNotMove() throws Exception {
        Dialog call = phone.call("*1", CallOptions.defaults().withCaller("agent2"));
        assertThat(call.awaitFinal(WAIT).status()).isEqualTo(407);
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(agent("agent2").get("state").asString()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void aWrongPasswordIs403AndTheStateDoesNotMove() throws Exception {
        Dialog call = phone.call("*1", CallOptions.defaults().withCaller("agent2").withCredentials("agent2", "pas-le-bon"));
        assertThat(call.status()).isEqualTo(403);
        assertThat(agent("agent2").get("state").asString()).isEqualTo("LOGGED_OUT");
    }
}
