package fr.accueil.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.server.AccueilApplication;
import fr.accueil.telephony.sip.SipEndpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform in one process (SIP on a free port, RTP, IVR, journal, HTTP API) with the
 * end-to-end directory (the demo plus a service that never opens), called by independent peers.
 * A contact is found back through the API by the caller's pseudonym, computed with the server's key.
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.port=0", "accueil.sip.bind=127.0.0.1"})
abstract class EndToEndTestBase {
    static final Path DATA_DIR = tempDir();

    @LocalServerPort
    int httpPort;
    @Autowired
    SipEndpoint sip;
    @Autowired
    CallerPseudonym pseudonym;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("accueil-e2e");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("accueil.data-dir", DATA_DIR::toString);
        registry.add("accueil.directory-file", () -> Path.of("src/test/resources/directories/end-to-end.yaml").toAbsolutePath().toString());
    }

    InetSocketAddress sipAddress() {
        return new InetSocketAddress("127.0.0.1", sip.port());
    }

    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The ended contact of this caller number, as the API shows it, waiting up to 15 s for it to close. */
    JsonNode endedContactOf(String callerNumber) throws Exception {
        String caller = pseudonym.of(callerNumber);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            Optional<JsonNode> found = contactsOf(caller).stream().filter(c -> c.hasNonNull("outcome")).findFirst();
            if (found.isPresent()) {
                return getJson("/api/v1/contacts/" + found.get().get("id").asString());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no ended contact for caller " + caller + " in " + getJson("/api/v1/contacts?size=500"));
            }
            Thread.sleep(100);
        }
    }

    List<JsonNode> contactsOf(String caller) throws Exception {
        List<JsonNode> mine = new ArrayList<>();
        getJson("/api/v1/contacts?size=500").get("items").forEach(c -> {
            if (caller.equals(c.get("caller").asString())) {
                mine.add(c);
            }
        });
        return mine;
    }

    /** "type" or "type:detail" per event, to assert a contact's path in one line. */
    static List<String> path(JsonNode contact) {
        List<String> steps = new ArrayList<>();
        contact.get("events").forEach(e -> {
            String type = e.get("type").asString();
            steps.add(switch (type) {
                case "menu" -> "menu:" + e.get("menu").asString();
                case "key" -> "key:" + e.get("key").asString();
                case "message" -> "message:" + e.get("prompt").asString() + (e.get("complete").asBoolean() ? "" : "(cut)");
                case "ended" -> "ended:" + e.get("reason").asString() + "/" + e.get("side").asString();
                default -> type;
            });
        });
        return steps;
    }
}
