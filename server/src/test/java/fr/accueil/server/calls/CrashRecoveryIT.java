package fr.accueil.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.telephony.testing.CallOptions;
import fr.accueil.telephony.testing.Dialog;
import fr.accueil.telephony.testing.TestPhone;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills the packaged server with SIGKILL while calls are in progress, starts it again on the same
 * data directory, and checks through the API that every completed contact survived whole and that
 * the calls cut by the crash are closed as INTERRUPTED with the events they had reached.
 */
class CrashRecoveryIT {
    private static final byte[] KEY = "crash-test-key-0123456789abcdef".getBytes();
    private static final CallerPseudonym PSEUDONYM = new CallerPseudonym(KEY);
    private static final String KEY_ARGUMENT = "--accueil.pseudonym-key=" + Base64.getEncoder().encodeToString(KEY);
    private static final int COMPLETED = 4;
    private static final int IN_PROGRESS = 4;

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void completedContactsSurviveASigkillAndCallsInProgressAreClosedAsInterrupted() throws Exception {
        Path data = temp.resolve("data");
        try (AccueilProcess first = AccueilProcess.start(data, KEY_ARGUMENT);
             TestPhone phone = TestPhone.udp(new InetSocketAddress("127.0.0.1", first.sipPort))) {
            List<Dialog> done = new ArrayList<>();
            for (int i = 0; i < COMPLETED; i++) {
                Dialog call = phone.call("demo", CallOptions.defaults().withCaller(completedCaller(i)));
                assertThat(call.status()).isEqualTo(200);
                done.add(call);
            }
            for (Dialog call : done) {
                call.sendDtmf('2');
            }
            Thread.sleep(1500);
            for (Dialog call : done) {
                call.sendDtmf('1');
            }
            for (Dialog call : done) {
                call.awaitRemoteBye(Duration.ofSeconds(30));
            }
            awaitContacts(first, COMPLETED, true);

            for (int i = 0; i < IN_PROGRESS; i++) {
                Dialog call = phone.call("demo", CallOptions.defaults().withCaller(cutCaller(i)));
                assertThat(call.status()).isEqualTo(200);
                call.sendDtmf('2');
            }
            // Wait until each call in progress has reached the sub-menu in the journal, then crash.
            awaitInProgressAtSubMenu(first);
            assertThat(first.kill()).as("killed by SIGKILL").isEqualTo(137);
        }

        try (AccueilProcess second = AccueilProcess.start(data, KEY_ARGUMENT)) {
            Map<String, JsonNode> byCaller = contactsByCaller(second);
            for (int i = 0; i < COMPLETED; i++) {
                JsonNode contact = contact(second, byCaller.get(PSEUDONYM.of(completedCaller(i))));
                assertThat(contact.get("outcome").asString()).isEqualTo("SELF_SERVICE_COMPLETED");
                assertThat(EndToEndTestBase.path(contact)).containsExactly("received", "menu:main", "key:2", "menu:sous-menu",
                        "key:1", "message:demo/essai/sous-info", "ended:COMPLETED/SYSTEM");
            }
            for (int i = 0; i < IN_PROGRESS; i++) {
                JsonNode contact = contact(second, byCaller.get(PSEUDONYM.of(cutCaller(i))));
                assertThat(contact.get("outcome").asString()).isEqualTo("INTERRUPTED");
                assertThat(EndToEndTestBase.path(contact)).containsExactly("received", "menu:main", "key:2", "menu:sous-menu",
                        "ended:INTERRUPTED/SYSTEM");
            }
            assertThat(byCaller).hasSize(COMPLETED + IN_PROGRESS);

            // The restarted server takes calls again.
            try (TestPhone phone = TestPhone.udp(new InetSocketAddress("127.0.0.1", second.sipPort))) {
                Dialog call = phone.call("demo", CallOptions.defaults().withCaller("0633000999"));
                assertThat(call.status()).isEqualTo(200);
                call.bye();
            }
        }
    }

    private static String completedCaller(int i) {
        return "063300000" + i;
    }

    private static String cutCaller(int i) {
        return "063300010" + i;
    }

    private void awaitContacts(AccueilProcess server, int count, boolean ended) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            long matching = list(server).stream().filter(c -> c.hasNonNull("outcome") == ended).count();
            if (matching >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " contacts (ended=" + ended + ") in " + list(server));
    }

    private void awaitInProgressAtSubMenu(AccueilProcess server) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            int ready = 0;
            for (JsonNode c : list(server)) {
                if (!c.hasNonNull("outcome") && EndToEndTestBase.path(contact(server, c)).contains("menu:sous-menu")) {
                    ready++;
                }
            }
            if (ready == IN_PROGRESS) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("calls in progress never reached the sub-menu: " + list(server));
    }

    private Map<String, JsonNode> contactsByCaller(AccueilProcess server) throws Exception {
        Map<String, JsonNode> byCaller = new HashMap<>();
        for (JsonNode c : list(server)) {
            byCaller.put(c.get("caller").asString(), c);
        }
        return byCaller;
    }

    private List<JsonNode> list(AccueilProcess server) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        get(server, "/api/v1/contacts?size=500").get("items").forEach(items::add);
        return items;
    }

    private JsonNode contact(AccueilProcess server, JsonNode summary) throws Exception {
        assertThat(summary).as("contact listed").isNotNull();
        return get(server, "/api/v1/contacts/" + summary.get("id").asString());
    }

    private JsonNode get(AccueilProcess server, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
