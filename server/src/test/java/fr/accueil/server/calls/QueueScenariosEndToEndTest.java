package fr.accueil.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.CallerPseudonym;
import fr.accueil.server.AccueilApplication;
import fr.accueil.telephony.sip.SipEndpoint;
import fr.accueil.telephony.testing.FreePorts;
import fr.accueil.telephony.testing.RtpCapture;
import fr.accueil.telephony.testing.Sipp;
import fr.accueil.telephony.testing.WavAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 3's "Done when", every party a SIPp process against the whole application (one Spring context
 * for the class): citizens (UAC pressing keys with RFC 4733 and speaking g711a.pcap), agents' phones
 * registered by SIPp with MD5 digest and answering (bench/sipp/agent-phone.xml), ringing until CANCEL,
 * or transferring with REFER, and the outbound trunk with a citizen behind it. Each scenario then reads
 * the contact record's events and outcome through the API.
 *
 * <p>Fixture: directories/queues-end-to-end.yaml (queue {@code guichet} by key 9, ring 3 s, callback
 * key 7; queue {@code renfort} by key 8 or REFER, max wait 5 s). agent1 serves guichet, agent2 both.
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.port=0", "accueil.sip.bind=127.0.0.1"})
class QueueScenariosEndToEndTest {
    private static final Path DATA_DIR = tempDir();
    private static final int TRUNK_PORT = FreePorts.udpAndTcp();
    private static final int AGENT1_PORT = FreePorts.udpAndTcp();
    private static final int AGENT2_PORT = FreePorts.udpAndTcp();
    private static final Path AGENT_REGISTER = Path.of("../bench/sipp/agent-register.xml");
    private static final Path AGENT_PHONE = Path.of("../bench/sipp/agent-phone.xml");
    private static final Path SCENARIOS = Path.of("src/test/resources/sipp");
    private static final String SERVICE = "0199000500";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static boolean agentsRegistered;

    @LocalServerPort
    int httpPort;
    @Autowired
    SipEndpoint sip;
    @Autowired
    CallerPseudonym pseudonym;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Sipp.Running> peers = new ArrayList<>();

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("accueil-queues-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("accueil.data-dir", DATA_DIR::toString);
        registry.add("accueil.directory-file",
                () -> Path.of("src/test/resources/directories/queues-end-to-end.yaml").toAbsolutePath().toString());
        // SIPp 3.6 answers only the first challenge and knows no SHA-256.
        registry.add("accueil.agents.algorithms[0]", () -> "md5");
        registry.add("accueil.agents.algorithms[1]", () -> "sha256");
        account(registry, 0, "agent1", "guichet");
        account(registry, 1, "agent2", "guichet", "renfort");
        registry.add("accueil.contact-centre.trunk.uri-template", () -> "sip:{number}@127.0.0.1:" + TRUNK_PORT);
        registry.add("accueil.contact-centre.trunk.from-number", () -> "+33199000500");
    }

    private static void account(DynamicPropertyRegistry registry, int index, String id, String... services) {
        String prefix = "accueil.agents.accounts[" + index + "].";
        registry.add(prefix + "id", () -> id);
        registry.add(prefix + "name", () -> "Agent " + id);
        registry.add(prefix + "username", () -> id);
        registry.add(prefix + "password", () -> "{noop}secret-" + id);
        for (int i = 0; i < services.length; i++) {
            String service = services[i];
            registry.add(prefix + "services[" + i + "]", () -> service);
        }
    }

    @BeforeEach
    void registerAgentsAndPauseThem() throws Exception {
        if (!agentsRegistered) {
            register("agent1", AGENT1_PORT);
            register("agent2", AGENT2_PORT);
            agentsRegistered = true;
        }
        // No contact left open by an earlier scenario (a caller still queued would be offered to the agents).
        awaitNoOpenContact();
        // Every scenario starts with both agents logged in and paused (after any wrap-up of the previous one).
        for (String agent : List.of("agent1", "agent2")) {
            awaitAgent(agent, a -> !List.of("RINGING", "ON_CONTACT").contains(a.get("state").asString()), "idle");
            if (stateOf(agent).equals("LOGGED_OUT")) {
                changeState(agent, "AVAILABLE", null);
            }
            changeState(agent, "PAUSED", "scenario set-up");
        }
    }

    /** bench/sipp/agent-register.xml: REGISTER, 401 with MD5 first, REGISTER with digest, 200. */
    private void register(String agent, int phonePort) throws Exception {
        Path log = work.resolve("register-" + agent + ".log");
        Sipp.Result registered = Sipp.scenario(AGENT_REGISTER).target(sipAddress()).service(agent).calls(1)
                .arg("-au", agent, "-ap", "secret-" + agent, "-trace_msg", "-message_file", log.toString())
                .set("contact", "127.0.0.1:" + phonePort).timeout(Duration.ofSeconds(15)).workDir(work.resolve("register-" + agent)).run();
        assertThat(registered.allCallsSucceeded()).as(registered.describe() + Files.readString(log)).isTrue();
    }

    @AfterEach
    void stopPeers() {
        peers.forEach(Sipp.Running::close);
    }

    @Test
    void callerReachesTheDigestRegisteredAgentTheyHearEachOtherAndTheContactIsHandled() throws Exception {
        JsonNode agent1 = agentView("agent1");
        assertThat(agent1.get("contacts")).as("agent1's phone registered by SIPp with digest").hasSize(1);
        assertThat(agent1.get("contacts").get(0).get("uri").asString()).contains("127.0.0.1:" + AGENT1_PORT);

        Sipp.Running phone = answeringAgent(AGENT1_PORT, 1, true);
        changeState("agent1", "AVAILABLE", null);

        String caller = "0611000001";
        Sipp.Result call = caller(caller, SERVICE, "caller").key('9').speak().pause(5_000).hangUp().captureRtp().run();

        assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
        Sipp.Result agentSide = phone.await(WAIT);
        assertThat(agentSide.allCallsSucceeded()).as("the agent's phone got the BYE: " + agentSide.describe()).isTrue();

        RtpCapture.Result heardByAgent = agentSide.rtp().orElseThrow();
        assertThat(heardByAgent.audioPackets()).as("RTP audio packets the agent received").isGreaterThan(150);
        assertThat(heardByAgent.audioIsSilent()).as("the agent hears the caller's speech").isFalse();
        RtpCapture.Result heardByCaller = call.rtp().orElseThrow();
        assertThat(heardByCaller.audioPackets()).as("RTP audio packets the caller received").isGreaterThan(250);
        assertThat(lastSecondsAreSilent(heardByCaller.audio(), 2)).as("the caller hears the agent's speech at the end of the call")
                .isFalse();

        JsonNode contact = onlyEndedContactOf(caller);
        assertThat(contact.get("outcome").asString()).isEqualTo("HANDLED_BY_AGENT");
        assertThat(path(contact)).containsExactly("received", "menu", "key:9", "enqueued:guichet", "offered:agent1",
                "answered:agent1", "ended:HANG_UP/CALLER");
    }

    @Test
    void ringNoAnswerPausesTheAgentAndOffersTheCallerToTheNextOne() throws Exception {
        Sipp.Running ringing = peer(Sipp.scenarioResource("/sipp/uas-ring-cancel.xml").localPort(AGENT1_PORT).calls(1),
                "agent1-ring");
        Sipp.Running answering = answeringAgent(AGENT2_PORT, 1, false);
        changeState("agent1", "AVAILABLE", null);
        Thread.sleep(50); // agent1 has waited longest: offered first
        changeState("agent2", "AVAILABLE", null);

        String caller = "0611000002";
        Sipp.Result call = caller(caller, SERVICE, "caller").key('9').speak().pause(7_000).hangUp().run();

        assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
        Sipp.Result rang = ringing.await(WAIT);
        assertThat(rang.allCallsSucceeded()).as("agent1's phone rang and got CANCEL: " + rang.describe()).isTrue();
        assertThat(answering.await(WAIT).successfulCalls()).isEqualTo(1);
        JsonNode contact = onlyEndedContactOf(caller);
        assertThat(contact.get("outcome").asString()).isEqualTo("HANDLED_BY_AGENT");
        assertThat(path(contact)).containsSubsequence("enqueued:guichet", "offered:agent1", "agent-no-answer:agent1/no-answer",
                "offered:agent2", "answered:agent2", "ended:HANG_UP/CALLER");
        JsonNode agent1 = agentView("agent1");
        assertThat(agent1.get("state").asString()).isEqualTo("PAUSED");
        assertThat(agent1.get("pauseReason").asString()).isEqualTo("no answer");
    }

    @Test
    void theCallersLastAgentIsOfferedFirstAlthoughAnotherWaitedLonger() throws Exception {
        Sipp.Running agent2 = answeringAgent(AGENT2_PORT, 2, false);
        Sipp.Running agent1 = answeringAgent(AGENT1_PORT, 1, false);
        changeState("agent2", "AVAILABLE", null);

        String caller = "0611000003";
        Sipp.Running first = caller(caller, SERVICE, "first").key('9').pause(4_000).hangUp().start();
        JsonNode answered = awaitContact(caller, c -> path(c).contains("answered:agent2"), "agent2 answers the first call");
        changeState("agent1", "AVAILABLE", null); // from now on agent1 waits longer than agent2
        assertThat(first.await(WAIT).allCallsSucceeded()).isTrue();
        awaitContact(caller, c -> c.get("id").equals(answered.get("id")) && c.hasNonNull("outcome"), "the first call ends");
        awaitAgent("agent2", a -> a.get("state").asString().equals("AVAILABLE"), "agent2's wrap-up ends");
        assertThat(stateOf("agent1")).as("%s; contacts %s", agentView("agent1"),
                contactsOf(caller).stream().map(c -> path(c)).toList()).isEqualTo("AVAILABLE");

        Sipp.Result again = caller(caller, SERVICE, "again").key('9').pause(3_000).hangUp().run();

        assertThat(again.allCallsSucceeded()).as(again.describe()).isTrue();
        List<JsonNode> contacts = endedContactsOf(caller, 2);
        JsonNode second = contacts.stream().filter(c -> !c.get("id").equals(answered.get("id"))).findFirst().orElseThrow();
        assertThat(path(second)).containsSubsequence("enqueued:guichet", "offered:agent2", "answered:agent2")
                .doesNotContain("offered:agent1");
        assertThat(second.get("outcome").asString()).isEqualTo("HANDLED_BY_AGENT");
        assertThat(agent2.await(WAIT).successfulCalls()).isEqualTo(2);
        agent1.close();
        assertThat(agent1.await(Duration.ofSeconds(1)).createdCalls()).as("agent1's phone never rang").isZero();
    }

    @Test
    void aCallbackCallsTheAgentThenTheCitizenThroughTheTrunk() throws Exception {
        Sipp.Running trunk = trunk(1);
        String caller = "0611000004";
        // 7 asks for a callback while waiting, 1 confirms the number the call came from.
        Sipp.Result call = caller(caller, SERVICE, "caller").key('9').pause(1_000).key('7').key('1').awaitHangUp(15_000).run();

        assertThat(call.allCallsSucceeded()).as("Accueil hangs up after booking: " + call.describe()).isTrue();
        JsonNode booked = awaitContact(caller, c -> path(c).contains("callback-requested"), "callback booked");
        assertThat(booked.hasNonNull("outcome")).as("the contact stays open until the callback").isFalse();

        Sipp.Running phone = answeringAgent(AGENT1_PORT, 1, false);
        changeState("agent1", "AVAILABLE", null);
        Sipp.Result citizen = trunk.await(WAIT);
        assertThat(citizen.allCallsSucceeded()).as("the citizen answers the callback: " + citizen.describe()).isTrue();
        assertThat(phone.await(WAIT).allCallsSucceeded()).as("the agent's call ends with the citizen's").isTrue();
        assertThat(Files.readString(citizen.workDir().resolve("messages.log")))
                .as("the trunk is asked for the caller's number in E.164").contains("INVITE sip:+33611000004@127.0.0.1");

        JsonNode contact = onlyEndedContactOf(caller);
        assertThat(contact.get("outcome").asString()).isEqualTo("CALLBACK_COMPLETED");
        assertThat(path(contact)).containsSubsequence("enqueued:guichet", "callback-requested", "offered:agent1",
                "callback-attempt:agent1/reached", "answered:agent1", "callback-completed:agent1");
    }

    @Test
    void theAgentsBlindTransferMovesTheCallerToAnotherQueueAsALinkedContact() throws Exception {
        Sipp.Running referring = peer(Sipp.scenario(referringTo("renfort")).localPort(AGENT1_PORT).calls(1), "agent1-refer");
        Sipp.Running agent2 = answeringAgent(AGENT2_PORT, 1, false);
        changeState("agent1", "AVAILABLE", null);

        String caller = "0611000005";
        Sipp.Running call = caller(caller, SERVICE, "caller").key('9').speak().pause(8_000).hangUp().start();
        Sipp.Result transferred = referring.await(WAIT);
        assertThat(transferred.allCallsSucceeded()).as("REFER 202, NOTIFY, BYE: " + transferred.describe()
                + Files.readString(transferred.workDir().resolve("messages.log"))).isTrue();
        changeState("agent2", "AVAILABLE", null);
        assertThat(call.await(WAIT).allCallsSucceeded()).isTrue();
        assertThat(agent2.await(WAIT).successfulCalls()).isEqualTo(1);

        List<JsonNode> contacts = endedContactsOf(caller, 2);
        JsonNode first = contacts.stream().filter(c -> path(c).contains("agent-transfer:agent1")).findFirst().orElseThrow(
                () -> new AssertionError("no contact with agent-transfer: " + contacts));
        JsonNode linked = contacts.stream().filter(c -> c != first).findFirst().orElseThrow();
        assertThat(first.get("outcome").asString()).isEqualTo("HANDLED_BY_AGENT");
        assertThat(path(first)).containsSubsequence("offered:agent1", "answered:agent1", "agent-transfer:agent1");
        assertThat(path(linked)).containsSubsequence("linked-from", "enqueued:renfort", "offered:agent2", "answered:agent2");
        assertThat(linked.get("outcome").asString()).isEqualTo("HANDLED_BY_AGENT");
        assertThat(event(first, "agent-transfer").get("newContact").asString()).isEqualTo(linked.get("id").asString());
        assertThat(event(linked, "linked-from").get("previousContact").asString()).isEqualTo(first.get("id").asString());
    }

    @Test
    void aCallerWaitingBeyondMaxWaitOverflowsToTheMessage() throws Exception {
        // Both agents logged in but paused: the caller waits (when-no-agents: wait) until max-wait (5 s).
        String caller = "0611000006";
        Sipp.Result call = caller(caller, SERVICE, "caller").key('8').awaitHangUp(20_000).run();

        assertThat(call.allCallsSucceeded()).as("Accueil hangs up after the overflow message: " + call.describe()).isTrue();
        JsonNode contact = onlyEndedContactOf(caller);
        assertThat(contact.get("outcome").asString()).isEqualTo("OVERFLOWED");
        assertThat(path(contact)).containsSubsequence("key:8", "enqueued:renfort", "overflowed").doesNotContain("offered:agent1",
                "offered:agent2");
        JsonNode overflowed = event(contact, "overflowed");
        assertThat(overflowed.toString()).contains("max");
    }

    @Test
    void anUnauthenticatedSourceCannotCallOutThroughTheTrunk() throws Exception {
        Sipp.Running trunk = trunk(1);
        List<String> numbers = List.of("0612345678", "+33612345678", "0033612345678", "0899123456", "*1", "*10612345678");
        Path csv = Files.writeString(work.resolve("numbers.csv"), "SEQUENTIAL\n" + String.join("\n", numbers) + "\n");
        Path uacDir = work.resolve("intrus");
        Sipp.Result attempts = Sipp.scenario(SCENARIOS.resolve("queue-uac-refused.xml")).target(sipAddress()).calls(numbers.size())
                .rate(10).arg("-inf", csv.toString(), "-trace_msg", "-message_file", uacDir.resolve("messages.log").toString())
                .timeout(Duration.ofSeconds(20)).workDir(uacDir).run();

        assertThat(attempts.allCallsSucceeded()).as("every INVITE gets a final failure: " + attempts.describe()).isTrue();
        assertThat(attempts.successfulCalls()).isEqualTo(numbers.size());
        Thread.sleep(1_000); // an outbound INVITE, if any, would have reached the trunk by now
        trunk.close();
        Sipp.Result trunkSide = trunk.await(Duration.ofSeconds(1));
        assertThat(trunkSide.createdCalls()).as("the trunk received no call").isZero();
        Path trunkLog = trunkSide.workDir().resolve("messages.log");
        assertThat(Files.exists(trunkLog) ? Files.readString(trunkLog) : "").doesNotContain("INVITE");
        assertThat(Files.readString(uacDir.resolve("messages.log"))).doesNotContain("SIP/2.0 200 OK");
    }

    // --- parties

    /** bench/sipp/agent-phone.xml on the agent's registered port: rings 300 ms, answers, speaks, waits for BYE. */
    private Sipp.Running answeringAgent(int port, int calls, boolean captureRtp) {
        Sipp.Builder builder = Sipp.scenario(AGENT_PHONE).localPort(port).calls(calls).set("ring", "300");
        if (captureRtp) {
            builder.captureRtp();
        }
        return peer(builder, "agent-" + port);
    }

    /** src/test/resources/sipp/queue-agent-refer.xml with the Refer-To target written in. */
    private Path referringTo(String target) throws IOException {
        String xml = Files.readString(SCENARIOS.resolve("queue-agent-refer.xml")).replace("REFER_TARGET", target);
        return Files.writeString(work.resolve("agent-refer.xml"), xml);
    }

    /** The trunk: a SIPp UAS on the trunk's port logging every message it receives. */
    private Sipp.Running trunk(int calls) {
        return peer(Sipp.scenario(SCENARIOS.resolve("queue-trunk-citizen.xml")).localPort(TRUNK_PORT).calls(calls), "trunk");
    }

    private Sipp.Running peer(Sipp.Builder builder, String name) {
        Path dir = work.resolve(name);
        Sipp.Running running = builder.timeout(Duration.ofSeconds(45)).workDir(dir)
                .arg("-trace_msg", "-message_file", dir.resolve("messages.log").toString()).start();
        peers.add(running);
        return running;
    }

    private CallerScript caller(String number, String service, String name) {
        return new CallerScript(number, service, work.resolve(name));
    }

    /** Writes src/test/resources/sipp/queue-caller.xml with the caller's number, steps and ending. */
    private final class CallerScript {
        private final String number;
        private final String service;
        private final Path dir;
        private final StringBuilder steps = new StringBuilder();
        private String end = "";
        private boolean capture;

        CallerScript(String number, String service, Path dir) {
            this.number = number;
            this.service = service;
            this.dir = dir;
            pause(1_500); // the welcome and the menu
        }

        /** One RFC 4733 key press (SIPp's capture, ~0.2 s), then a second for the IVR to act on it. */
        CallerScript key(char digit) {
            String capture = switch (digit) {
                case '*' -> "star";
                case '#' -> "pound";
                default -> String.valueOf(digit);
            };
            steps.append("  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/dtmf_2833_").append(capture)
                    .append(".pcap\"/></action></nop>\n");
            return pause(1_000);
        }

        /** Starts the caller's speech (g711a.pcap, ~6 s), going on during the next steps. */
        CallerScript speak() {
            steps.append("  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/g711a.pcap\"/></action></nop>\n");
            return this;
        }

        CallerScript pause(int millis) {
            steps.append("  <pause milliseconds=\"").append(millis).append("\"/>\n");
            return this;
        }

        CallerScript hangUp() {
            end = part("queue-caller-hangs-up.xml.part");
            return this;
        }

        /** Accueil must hang up within the bound, or the call fails. */
        CallerScript awaitHangUp(int millis) {
            end = part("queue-caller-awaits-bye.xml.part").replace("BOUND", Integer.toString(millis));
            return this;
        }

        CallerScript captureRtp() {
            capture = true;
            return this;
        }

        Sipp.Result run() {
            try (Sipp.Running running = start()) {
                return running.await(Duration.ofSeconds(60));
            }
        }

        Sipp.Running start() {
            try {
                Files.createDirectories(dir);
                String xml = Files.readString(SCENARIOS.resolve("queue-caller.xml"))
                        .replace("<!-- STEPS -->", steps).replace("<!-- END -->", end).replace("CALLER", number);
                Path scenario = Files.writeString(dir.resolve("caller.xml"), xml);
                Sipp.Builder builder = Sipp.scenario(scenario).target(sipAddress()).service(service).calls(1)
                        .timeout(Duration.ofSeconds(45)).workDir(dir);
                if (capture) {
                    builder.captureRtp();
                }
                Sipp.Running running = builder.start();
                peers.add(running);
                return running;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String part(String name) {
            try {
                return Files.readString(SCENARIOS.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean lastSecondsAreSilent(WavAnalysis.Pcm pcm, int seconds) {
        short[] samples = pcm.samples();
        int from = Math.max(0, samples.length - seconds * pcm.sampleRate());
        return WavAnalysis.isSilent(Arrays.copyOfRange(samples, from, samples.length));
    }

    // --- API

    private InetSocketAddress sipAddress() {
        return new InetSocketAddress("127.0.0.1", sip.port());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api(path)).GET());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** PUT /api/v1/agents/{id}/state, retried while a transition is not allowed yet (ringing, wrap-up…). */
    private void changeState(String agent, String state, String reason) throws Exception {
        String body = reason == null ? "{\"state\":\"" + state + "\"}" : "{\"state\":\"" + state + "\",\"reason\":\"" + reason + "\"}";
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(api("/api/v1/agents/" + agent + "/state"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
            if (response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 409 || Instant.now().isAfter(deadline)) {
                throw new AssertionError("PUT " + agent + " " + state + ": " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(100);
        }
    }

    private JsonNode agentView(String agent) throws Exception {
        for (JsonNode a : getJson("/api/v1/agents")) {
            if (a.get("id").asString().equals(agent)) {
                return a;
            }
        }
        throw new AssertionError("no agent " + agent);
    }

    private String stateOf(String agent) throws Exception {
        return agentView(agent).get("state").asString();
    }

    private void awaitAgent(String agent, Predicate<JsonNode> condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.test(agentView(agent))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + agent + " " + what + ": " + agentView(agent));
            }
            Thread.sleep(100);
        }
    }

    private List<JsonNode> contactsOf(String callerNumber) throws Exception {
        String caller = pseudonym.of(callerNumber);
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode c : getJson("/api/v1/contacts?size=500").get("items")) {
            if (caller.equals(c.get("caller").asString())) {
                mine.add(getJson("/api/v1/contacts/" + c.get("id").asString()));
            }
        }
        return mine;
    }

    private void awaitNoOpenContact() throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<JsonNode> open = new ArrayList<>();
            getJson("/api/v1/contacts?size=500").get("items").forEach(c -> {
                if (!c.hasNonNull("outcome")) {
                    open.add(c);
                }
            });
            if (open.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("contacts left open by an earlier scenario: " + open);
            }
            Thread.sleep(200);
        }
    }

    private JsonNode awaitContact(String callerNumber, Predicate<JsonNode> condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<JsonNode> contacts = contactsOf(callerNumber);
            Optional<JsonNode> found = contacts.stream().filter(condition).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + ": " + contacts.stream().map(c -> path(c).toString()).toList());
            }
            Thread.sleep(100);
        }
    }

    /** The caller's contacts once {@code count} of them have ended. */
    private List<JsonNode> endedContactsOf(String callerNumber, int count) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<JsonNode> contacts = contactsOf(callerNumber);
            if (contacts.stream().filter(c -> c.hasNonNull("outcome")).count() >= count) {
                return contacts;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " ended contacts: " + contacts.stream().map(c -> path(c) + " "
                        + c.get("outcome")).toList());
            }
            Thread.sleep(100);
        }
    }

    private JsonNode onlyEndedContactOf(String callerNumber) throws Exception {
        List<JsonNode> contacts = endedContactsOf(callerNumber, 1);
        assertThat(contacts).as("contacts of %s", callerNumber).hasSize(1);
        return contacts.getFirst();
    }

    private static JsonNode event(JsonNode contact, String type) {
        for (JsonNode e : contact.get("events")) {
            if (e.get("type").asString().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event in " + path(contact));
    }

    /** Each event as "type", "type:agent" (queue for enqueued), with the reason or result where it matters. */
    static List<String> path(JsonNode contact) {
        List<String> steps = new ArrayList<>();
        contact.get("events").forEach(e -> {
            String type = e.get("type").asString();
            steps.add(switch (type) {
                case "key" -> "key:" + e.get("key").asString();
                case "enqueued" -> "enqueued:" + e.get("queue").asString();
                case "offered", "answered", "callback-completed", "agent-transfer" -> type + ":" + e.get("agent").asString();
                case "agent-no-answer" -> type + ":" + e.get("agent").asString() + "/" + e.get("reason").asString();
                case "callback-attempt" -> type + ":" + e.get("agent").asString() + "/" + e.get("result").asString();
                case "ended" -> "ended:" + e.get("reason").asString() + "/" + e.get("side").asString();
                default -> type;
            });
        });
        return steps;
    }
}
