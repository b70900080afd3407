package fr.accueil.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.server.AccueilApplication;
import fr.accueil.telephony.media.G711;
import fr.accueil.telephony.sip.SipEndpoint;
import fr.accueil.telephony.testing.Baresip;
import fr.accueil.telephony.testing.Sipp;
import fr.accueil.telephony.testing.WavAnalysis;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real softphone baresip (Debian 1.0.0) as an agent's phone: it registers as agent1 with digest
 * authentication, is logged in through the API, auto-answers the queue's offer, sends a 440 Hz tone as
 * its microphone and records what it hears. A SIPp caller (bench/sipp/queue-caller.xml) presses 1 (the
 * queue, by SIP INFO) and speaks a 1 kHz tone. baresip's recording must hold the caller's audio, and
 * the contact must end HANDLED_BY_AGENT with agent1's answer in its events.
 *
 * <p>baresip 1.0.0 (libre 1.x) computes MD5 digests only, and a 401 that also carries a SHA-256
 * challenge makes its REGISTER fail outright ("Register: Function not implemented": libre answers
 * ENOSYS for any algorithm other than MD5, whatever the order of the challenges). Such phones need a
 * registrar that challenges with MD5 only: {@code accueil.agents.algorithms=md5} here (SIPp copes
 * with {@code md5,sha256} because it reads only the first challenge).
 * Directory: the bench's queue directory (always open, key 1 = queue "file", wrap-up 0).
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.port=0", "accueil.sip.bind=127.0.0.1",
                "accueil.agents.algorithms=md5",
                "accueil.agents.accounts[0].id=agent1",
                "accueil.agents.accounts[0].name=Agent Baresip",
                "accueil.agents.accounts[0].username=agent1",
                "accueil.agents.accounts[0].password={noop}baresip-secret",
                "accueil.agents.accounts[0].services[0]=file"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueBaresipAgentEndToEndTest {
    private static final Path QUEUE_CALLER = Path.of("../bench/sipp/queue-caller.xml");
    private static final Path DATA_DIR = tempDir();

    @LocalServerPort
    int httpPort;
    @Autowired
    SipEndpoint sip;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @org.springframework.test.context.DynamicPropertySource
    static void properties(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("accueil.data-dir", DATA_DIR::toString);
        registry.add("accueil.directory-file", () -> Path.of("../bench/queues-directory.yaml").toAbsolutePath().normalize().toString());
    }

    @Test
    @Order(1)
    void baresipRegistersWithDigestAutoAnswersTheQueueAndHearsTheCaller() throws Exception {
        Path phoneDir = Files.createDirectories(work.resolve("baresip"));
        try (AgentPhone phone = AgentPhone.start(phoneDir, "agent1", "baresip-secret", sip.port())) {
            JsonNode agent = awaitRegistered("agent1", Duration.ofSeconds(15), phone);
            // baresip registers sip:agent1-0x<its address>@127.0.0.1:<port> as its contact.
            assertThat(agent.get("contacts").get(0).get("uri").asString()).startsWith("sip:agent1").contains("@127.0.0.1:");
            assertThat(put("/api/v1/agents/agent1/state", "{\"state\":\"AVAILABLE\"}").statusCode()).isEqualTo(200);

            Path callerDir = Files.createDirectories(work.resolve("sipp"));
            writeTone(callerDir.resolve("caller.al"), 1000, Duration.ofSeconds(5));
            Sipp.Result caller = Sipp.scenario(QUEUE_CALLER).target(new java.net.InetSocketAddress("127.0.0.1", sip.port()))
                    .service("file").set("hold", "6000").calls(1).timeout(Duration.ofSeconds(40)).workDir(callerDir).run();
            assertThat(caller.allCallsSucceeded()).as(caller.describe() + "\n" + phone.logTail()).isTrue();

            assertThat(phone.awaitLog("terminated", Duration.ofSeconds(10)))
                    .as("the server ended baresip's call after the caller hung up: " + phone.logTail()).isTrue();
            phone.quit();
            Path heardWav = phone.heardWav().orElseThrow(() -> new AssertionError("no recording: " + phone.logTail()));
            WavAnalysis.Pcm heard = WavAnalysis.read(heardWav);
            assertThat(heard.durationSeconds()).as("recorded call length").isGreaterThan(3.0);
            assertThat(heard.isSilent()).as("baresip heard the caller (rms %.0f): %s", heard.rms(), phone.logTail()).isFalse();
            assertThat(phone.log()).contains("Call established");
        }

        JsonNode contact = endedContact(Duration.ofSeconds(15));
        assertThat(contact.get("outcome").asString()).isEqualTo("HANDLED_BY_AGENT");
        List<String> types = new ArrayList<>();
        contact.get("events").forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).containsSubsequence("received", "menu", "key", "enqueued", "offered", "answered", "ended");
        JsonNode answered = eventOf(contact, "answered");
        assertThat(answered.get("agent").asString()).isEqualTo("agent1");
        assertThat(eventOf(contact, "ended").get("side").asString()).isEqualTo("CALLER");
    }

    /** Runs last: its refused REGISTERs count towards the registrar's per-address failure limit. */
    @Test
    @Order(2)
    void baresipWithAWrongPasswordIsNotRegistered() throws Exception {
        Path phoneDir = Files.createDirectories(work.resolve("baresip-wrong"));
        try (AgentPhone phone = AgentPhone.start(phoneDir, "agent1", "not-the-password", sip.port())) {
            // The registrar refuses the digest computed with the wrong password (403, not a new challenge);
            // the agent must have no registered phone.
            assertThat(phone.awaitLog("403 Forbidden", Duration.ofSeconds(15))).as(phone.logTail()).isTrue();
            assertThat(agentView("agent1").get("contacts").isEmpty()).as("agent1's phones").isTrue();
        }
    }

    private JsonNode awaitRegistered(String id, Duration bound, AgentPhone phone) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            JsonNode agent = agentView(id);
            if (!agent.get("contacts").isEmpty()) {
                return agent;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(id + " did not register: " + agent + "\n" + phone.logTail());
            }
            Thread.sleep(100);
        }
    }

    private JsonNode agentView(String id) throws Exception {
        for (JsonNode agent : getJson("/api/v1/agents")) {
            if (id.equals(agent.get("id").asString())) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + id);
    }

    private JsonNode endedContact(Duration bound) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            for (JsonNode c : getJson("/api/v1/contacts?service=file&size=50").get("items")) {
                if (c.hasNonNull("outcome")) {
                    return getJson("/api/v1/contacts/" + c.get("id").asString());
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no ended contact: " + getJson("/api/v1/contacts?service=file&size=50"));
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode eventOf(JsonNode contact, String type) {
        for (JsonNode e : contact.get("events")) {
            if (type.equals(e.get("type").asString())) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event in " + contact);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Raw A-law at 8 kHz, what SIPp's rtp_stream sends as is. */
    private static void writeTone(Path file, double hz, Duration length) throws IOException {
        int samples = (int) (8000 * length.toMillis() / 1000);
        byte[] alaw = new byte[samples];
        for (int i = 0; i < samples; i++) {
            alaw[i] = G711.alaw((short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        Files.write(file, alaw);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("accueil-e2e-baresip");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * baresip as a registered, auto-answering phone (the test-jar's {@code Baresip} runs a caller only),
     * configured by that harness ({@link Baresip#writeConfig}: its quirks apply, stdin stays a pipe).
     */
    private static final class AgentPhone implements AutoCloseable {
        private final Process process;
        private final OutputStream stdin;
        private final Path dir;
        private final Path log;

        private AgentPhone(Process process, Path dir, Path log) {
            this.process = process;
            this.stdin = process.getOutputStream();
            this.dir = dir;
            this.log = log;
        }

        static AgentPhone start(Path dir, String user, String password, int registrarPort) throws IOException {
            Baresip.writeConfig(dir, 440, "<sip:" + user + "@127.0.0.1:" + registrarPort + ">;auth_pass=" + password
                    + ";answermode=auto;regint=300");
            Path log = dir.resolve("baresip.log");
            Process process = new ProcessBuilder("baresip", "-f", dir.toAbsolutePath().toString(), "-t", "60")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new AgentPhone(process, dir, log);
        }

        String log() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "";
            }
        }

        String logTail() {
            List<String> lines = log().lines().toList();
            return "--- baresip log tail\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }

        boolean awaitLog(String text, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (System.nanoTime() < deadline) {
                if (log().contains(text)) {
                    return true;
                }
                Thread.sleep(50);
            }
            return log().contains(text);
        }

        void quit() throws InterruptedException {
            try {
                stdin.write("/quit\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException e) {
                // already gone
            }
            process.waitFor(5, TimeUnit.SECONDS);
        }

        Optional<Path> heardWav() throws IOException {
            return Baresip.heardWav(dir);
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
