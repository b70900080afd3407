package fr.accueil.server.queues;

import fr.accueil.server.AccueilApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queues and callbacks API on the real application (demo directory: queue {@code etat-civil} served by
 * agent1 and agent2, SIP on a free port). Requests can come from distinct loopback addresses
 * (127.0.0.x) because the callback limit counts per source address.
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.port=0", "accueil.sip.bind=127.0.0.1"})
abstract class QueuesApiTestBase {
    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    record Reply(int status, JsonNode body, String text, HttpResponse<String> raw) {
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply get(String path) throws Exception {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** POSTs JSON from the loopback address 127.0.0.{@code lastByte}. */
    Reply postFrom(int lastByte, String path, String body, Map<String, String> headers) throws Exception {
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastByte})).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(client, request.build());
    }

    Reply postFrom(int lastByte, String path, String body) throws Exception {
        return postFrom(lastByte, path, body, Map.of());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Reply send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.contains("json") && !response.body().isEmpty() ? json.readTree(response.body()) : null;
        return new Reply(response.statusCode(), body, response.body(), response);
    }
}
