package fr.accueil.server.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.server.AccueilApplication;
import fr.accueil.server.wallboard.WallboardSnapshot;
import fr.accueil.server.wallboard.WallboardSnapshots;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo with its traffic simulator, as {@code ./accueil demo --simulate} runs it but faster: simulated
 * agents register with digest and sign in, simulated callers dial the demo numbers over real SIP and RTP
 * on loopback, and within half a minute the contact records show calls handled by agents, answered by
 * messages and abandoned, and the wallboard counts them. Every queued caller who waits long enough asks
 * for a callback; with no trunk configured the centre calls the simulated citizens back over the stand-in
 * trunk, who answer one attempt in two.
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.port=0", "accueil.sip.bind=127.0.0.1", "accueil.simulation.enabled=true",
                "accueil.simulation.calls-per-minute=90", "accueil.simulation.time-scale=0.05",
                "accueil.simulation.mean-handling-time=2m", "accueil.simulation.mean-patience=1m",
                "accueil.simulation.callback-acceptance=1", "accueil.simulation.callback-answer-rate=0.5",
                "accueil.contact-centre.callbacks.attempts=2", "accueil.contact-centre.callbacks.spacing=1s",
                "accueil.contact-centre.callbacks.ring-timeout=3s"})
class TrafficSimulatorTest {
    private static final Set<String> ABANDONS = Set.of("ABANDONED_IN_QUEUE", "ABANDONED_IN_IVR");

    @LocalServerPort
    int httpPort;
    @Autowired
    TrafficSimulator simulator;
    @Autowired
    WallboardSnapshots wallboard;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("accueil-simulation");
        registry.add("accueil.data-dir", data::toString);
        int base = 2 * ThreadLocalRandom.current().nextInt(16_500, 29_000);  // apart from the server's 20000-29999 and other runs
        registry.add("accueil.simulation.rtp-port-min", () -> base);
        registry.add("accueil.simulation.rtp-port-max", () -> base + 399);
    }

    @Test
    void withinHalfAMinuteContactsOfSeveralOutcomesAppearAndTheWallboardCountsThem() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        Map<String, Integer> outcomes = Map.of();
        while (Instant.now().isBefore(deadline)) {
            outcomes = outcomes();
            if (outcomes.containsKey("HANDLED_BY_AGENT") && outcomes.containsKey("SELF_SERVICE_COMPLETED")
                    && outcomes.keySet().stream().anyMatch(ABANDONS::contains)) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(outcomes).as("outcomes of the simulated contacts (caller side: %s)", simulator.results())
                .containsKeys("HANDLED_BY_AGENT", "SELF_SERVICE_COMPLETED");
        assertThat(outcomes.keySet()).as("outcomes %s", outcomes).containsAnyElementsOf(ABANDONS);
        assertThat(simulator.answeredByAgents()).isPositive();

        JsonNode agents = get("/api/v1/agents");
        assertThat(agents).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode agent : agents) {
            assertThat(agent.get("contacts")).as("registered phones of %s", agent.get("id")).isNotEmpty();
            assertThat(agent.get("state").asString()).as("state of %s", agent.get("id")).isNotEqualTo("LOGGED_OUT");
        }

        WallboardSnapshot snapshot = wallboard.now();
        assertThat(snapshot.contacts().stream().mapToLong(WallboardSnapshot.Line::count).sum())
                .as("wallboard lines %s", snapshot.contacts()).isPositive();
        assertThat(snapshot.todayGlobal()).as("today's global rate").doesNotContain("0 sur 0");
    }

    @Test
    void callbacksReachTheSimulatedCitizensThroughTheStandInTrunkAndDeclinedAttemptsAreRecorded() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Map<String, List<String>> attempts = new HashMap<>();  // contact id -> results of its callback attempts
        Map<String, String> outcomes = new HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode item : get("/api/v1/contacts?size=500").get("items")) {
                String id = item.get("id").asString();
                String outcome = item.hasNonNull("outcome") ? item.get("outcome").asString() : "";
                // A callback contact is read once ended: its events no longer change.
                if (outcome.startsWith("CALLBACK_") && !outcomes.containsKey(id)) {
                    outcomes.put(id, outcome);
                    List<String> results = new ArrayList<>();
                    for (JsonNode event : get("/api/v1/contacts/" + id).get("events")) {
                        if (event.get("type").asString().equals("callback-attempt")) {
                            results.add(event.get("result").asString());
                        }
                    }
                    attempts.put(id, results);
                }
            }
            if (outcomes.containsValue("CALLBACK_COMPLETED") && failedAttempts(attempts) > 0) {
                break;
            }
            Thread.sleep(1000);
        }
        TrafficSimulator.CitizenCounts citizens = simulator.citizens();
        assertThat(outcomes).as("callback contacts (citizens: %s, attempts: %s)", citizens, attempts)
                .containsValue("CALLBACK_COMPLETED");
        assertThat(failedAttempts(attempts)).as("attempts declined or left ringing: %s (citizens: %s)", attempts, citizens)
                .isPositive();
        assertThat(citizens.answered()).as("answered by the simulated citizens' phones").isPositive();
        assertThat(citizens.declined() + citizens.leftRinging()).as("not answered by them").isPositive();
        outcomes.forEach((id, outcome) -> {
            List<String> results = attempts.get(id);
            if (outcome.equals("CALLBACK_COMPLETED")) {
                assertThat(results).as("attempts of completed callback %s", id).endsWith("reached");
            } else {
                assertThat(results).as("attempts of failed callback %s", id).doesNotContain("reached", "no-trunk");
            }
        });
    }

    /** Attempts that reached the citizen's phone and were declined (busy) or not picked up before the ring time-out. */
    private static long failedAttempts(Map<String, List<String>> attempts) {
        return attempts.values().stream().flatMap(List::stream).filter(r -> r.equals("busy") || r.equals("no-answer")).count();
    }

    private Map<String, Integer> outcomes() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode item : get("/api/v1/contacts?size=100").get("items")) {
            if (item.hasNonNull("outcome")) {
                counts.merge(item.get("outcome").asString(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
