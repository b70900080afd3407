package fr.accueil.server.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.server.publication.PublicSiteTestBase;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The wallboard behind HTTP Basic, and its server-sent events, on the real application. */
class WallboardHttpTest extends PublicSiteTestBase {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    @Test
    void without_or_with_wrong_credentials_the_wallboard_and_its_stream_answer_401() throws Exception {
        for (String path : List.of("/supervision", "/supervision/flux")) {
            HttpResponse<String> anonymous = client.send(request(path, null, null).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic realm=\"Accueil supervision\""));
            HttpResponse<String> wrong = client.send(request(path, "superviseur", "devine").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void the_public_pages_the_api_and_health_stay_open_without_credentials() throws Exception {
        for (String path : List.of("/resultats", "/resultats/methodologie", "/api/v1/directory", "/actuator/health")) {
            assertThat(client.send(request(path, null, null).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(path).isEqualTo(200);
        }
        HttpResponse<String> reload = client.send(request("/api/v1/directory/reload", null, null)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).as("POST from loopback without a CSRF token").isEqualTo(200);
    }

    @Test
    void the_supervisor_sees_todays_figures_with_counts_and_the_live_queues_and_agents() throws Exception {
        HttpResponse<String> page = client.send(request("/supervision", "superviseur", "mot-de-passe-test").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"fr\"", "Supervision en direct", "Taux de décroché aujourd’hui",
                "<caption>Appels du jour selon leur issue</caption>",
                "<caption>Files d’attente en direct</caption>", "<th scope=\"row\">etat-civil</th>",
                "<caption>Agents en direct</caption>", "<th scope=\"row\">Camille Martin</th>", "<th scope=\"row\">Louis Bernard</th>",
                "src=\"/js/supervision.js\"");
        assertThat(page.body()).containsPattern("<p class=\"fr-text--lead\" id=\"taux-jour\">(\\d+,\\d\u00a0%|non disponible) \\(\\d+ sur \\d+\\)</p>");
        assertThat(page.body()).as("the SIP endpoint runs in this context").containsPattern("<span id=\"appels-en-cours\">\\d+</span>");
    }

    @Test
    void the_stream_sends_the_figures_at_once_then_at_every_refresh() throws Exception {
        HttpResponse<InputStream> stream = client.send(request("/supervision/flux", "superviseur", "mot-de-passe-test")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = stream.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            // refresh is 300 ms in these tests; the request time-out (60 s) bounds a silent stream.
            while (events.size() < 3 && (line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    assertThat(event).isEqualTo("etat");
                    events.add(json.readTree(line.substring("data:".length())));
                }
            }
        }
        assertThat(events).hasSize(3);
        JsonNode first = events.getFirst();
        assertThat(first.get("todayRate").asString()).matches("(\\d+,\\d\u00a0%|non disponible) \\(\\d+ sur \\d+\\)");
        assertThat(first.get("lastHourRate").asString()).matches("(\\d+,\\d\u00a0%|non disponible) \\(\\d+ sur \\d+\\)");
        JsonNode queue = first.get("queues").get(0);
        assertThat(queue.get("id").asString()).isEqualTo("etat-civil");
        assertThat(queue.get("waiting").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(queue.get("longestWait").asString()).matches("\\d+\u00a0s|\\d+\u00a0min \\d{2}\u00a0s");
        assertThat(queue.get("agents")).extracting(n -> n.get("label").asString())
                .containsExactly("Déconnecté", "Disponible", "En pause", "Sonnerie", "En communication", "Post-appel");
        assertThat(first.get("agents")).extracting(n -> n.get("name").asString()).containsExactly("Camille Martin", "Louis Bernard");
        assertThat(first.get("activeCalls").asString()).matches("\\d+");
        assertThat(first.get("contacts")).extracting(n -> n.get("label").asString()).contains("Appels reçus", "Décrochés par un agent");
        assertThat(first.get("time").asString()).matches("\\d{2}:\\d{2}:\\d{2}");
    }
}
