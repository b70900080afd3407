package fr.accueil.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.server.contacts.InterruptedContactsRecovery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API on the real application context (SIP on a free port), run by
 * a subclass per database. Each test uses its own service name so the tests share one context.
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.port=0", "accueil.sip.bind=127.0.0.1"})
abstract class ApiIntegrationTestBase {
    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    ContactJournal journal;
    @Autowired
    InterruptedContactsRecovery recovery;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    record Reply(int status, String contentType, JsonNode body, String text) {
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    Reply post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.contains("json") ? json.readTree(response.body()) : null;
        return new Reply(response.statusCode(), type, body, response.body());
    }

    ContactId record(String service, Instant at, Outcome outcome) {
        ContactStart start = new ContactStart(ContactId.random(), Channel.PHONE, "caf-demoville", service, "+33199000100", "f00d", at);
        journal.open(start);
        journal.append(start.id(), new ContactEvent.Received(at, "+33199000100", "0199000100"));
        journal.append(start.id(), new ContactEvent.MenuEntered(at.plusSeconds(1), "main"));
        journal.append(start.id(), new ContactEvent.KeyPressed(at.plusSeconds(3), "main", '2'));
        journal.append(start.id(), new ContactEvent.MessagePlayed(at.plusSeconds(20), "demo/caf/prime-activite", true));
        journal.append(start.id(), new ContactEvent.Ended(at.plusSeconds(21), EndReason.COMPLETED, Side.SYSTEM));
        journal.close(start.id(), outcome, at.plusSeconds(21));
        return start.id();
    }

    @Test
    void contacts_are_listed_newest_first_by_period_and_service_with_paging() throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        List<ContactId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(record(service, T0.plusSeconds(60L * i), Outcome.SELF_SERVICE_COMPLETED));
        }
        record(service, T0.minusSeconds(86_400 * 2), Outcome.SELF_SERVICE_COMPLETED); // outside the period

        Reply page0 = get("/api/v1/contacts?from=2026-11-27T00:00:00Z&to=2026-11-28T00:00:00Z&service=" + service + "&size=2");
        assertThat(page0.status()).isEqualTo(200);
        assertThat(page0.body().get("total").asLong()).isEqualTo(3);
        assertThat(page0.body().get("page").asInt()).isZero();
        assertThat(page0.body().get("size").asInt()).isEqualTo(2);
        assertThat(page0.body().get("items")).extracting(n -> n.get("id").asString())
                .containsExactly(ids.get(2).toString(), ids.get(1).toString());
        JsonNode first = page0.body().get("items").get(0);
        assertThat(first.get("service").asString()).isEqualTo(service);
        assertThat(first.get("outcome").asString()).isEqualTo("SELF_SERVICE_COMPLETED");
        assertThat(first.get("startedAt").asString()).isEqualTo("2026-11-27T08:02:00Z");
        assertThat(first.get("events").asInt()).isEqualTo(5);

        Reply page1 = get("/api/v1/contacts?from=2026-11-27&to=2026-11-27&service=" + service + "&size=2&page=1");
        assertThat(page1.status()).isEqualTo(200);
        assertThat(page1.body().get("items")).extracting(n -> n.get("id").asString()).containsExactly(ids.get(0).toString());
        assertThat(page1.body().get("from").asString()).as("a date is a day in Europe/Paris").isEqualTo("2026-11-26T23:00:00Z");
        assertThat(page1.body().get("to").asString()).as("'to' as a date includes that day").isEqualTo("2026-11-27T23:00:00Z");
    }

    @Test
    void without_a_period_the_contacts_of_today_are_listed() throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        ContactId now = record(service, Instant.now(), Outcome.CLOSED_HOURS);
        record(service, Instant.now().minusSeconds(3 * 86_400), Outcome.CLOSED_HOURS);
        Reply reply = get("/api/v1/contacts?service=" + service);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("items")).extracting(n -> n.get("id").asString()).containsExactly(now.toString());
        assertThat(reply.body().get("size").asInt()).isEqualTo(50);
    }

    @Test
    void a_contact_reads_back_with_its_ordered_events_and_outcome() throws Exception {
        ContactId id = record("caf-prestations", T0, Outcome.SELF_SERVICE_COMPLETED);
        Reply reply = get("/api/v1/contacts/" + id);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.get("id").asString()).isEqualTo(id.toString());
        assertThat(body.get("outcome").asString()).isEqualTo("SELF_SERVICE_COMPLETED");
        assertThat(body.get("caller").asString()).isEqualTo("f00d");
        assertThat(body.get("endedAt").asString()).isEqualTo("2026-11-27T08:00:21Z");
        assertThat(body.get("events")).extracting(n -> n.get("type").asString())
                .containsExactly("received", "menu", "key", "message", "ended");
        JsonNode key = body.get("events").get(2);
        assertThat(key.get("menu").asString()).isEqualTo("main");
        assertThat(key.get("key").asString()).isEqualTo("2");
        assertThat(key.get("at").asString()).isEqualTo("2026-11-27T08:00:03Z");
        JsonNode ended = body.get("events").get(4);
        assertThat(ended.get("reason").asString()).isEqualTo("COMPLETED");
        assertThat(ended.get("side").asString()).isEqualTo("SYSTEM");
    }

    @Test
    void a_queued_contact_shows_its_queue_and_callback_events_with_their_fields() throws Exception {
        ContactStart start = new ContactStart(ContactId.random(), Channel.PHONE, "caf-demoville", "caf-prestations",
                "+33199000100", "f00d", T0);
        journal.open(start);
        journal.append(start.id(), new ContactEvent.Received(T0, "+33199000100", "0199000100"));
        journal.append(start.id(), new ContactEvent.Enqueued(T0.plusSeconds(2), "caf-prestations", 3));
        journal.append(start.id(), new ContactEvent.Offered(T0.plusSeconds(30), "caf-prestations", "agent-7"));
        journal.append(start.id(), new ContactEvent.AgentNoAnswer(T0.plusSeconds(45), "agent-7", "no-answer"));
        journal.append(start.id(), new ContactEvent.CallbackRequested(T0.plusSeconds(60), "caf-prestations", true));
        journal.append(start.id(), new ContactEvent.CallbackAttempt(T0.plusSeconds(600), 1, "agent-8", "reached"));
        journal.append(start.id(), new ContactEvent.AgentAnswered(T0.plusSeconds(610), "caf-prestations", "agent-8"));
        journal.append(start.id(), new ContactEvent.CallbackCompleted(T0.plusSeconds(800), "agent-8"));
        journal.append(start.id(), new ContactEvent.SurveyAnswered(T0.plusSeconds(820), 5));
        journal.append(start.id(), new ContactEvent.Ended(T0.plusSeconds(821), EndReason.CALLBACK_DONE, Side.AGENT));
        journal.close(start.id(), Outcome.CALLBACK_COMPLETED, T0.plusSeconds(821));

        Reply reply = get("/api/v1/contacts/" + start.id());
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.get("outcome").asString()).isEqualTo("CALLBACK_COMPLETED");
        assertThat(body.get("events")).extracting(n -> n.get("type").asString()).containsExactly("received", "enqueued",
                "offered", "agent-no-answer", "callback-requested", "callback-attempt", "answered", "callback-completed",
                "survey", "ended");
        JsonNode enqueued = body.get("events").get(1);
        assertThat(enqueued.get("queue").asString()).isEqualTo("caf-prestations");
        assertThat(enqueued.get("position").asInt()).isEqualTo(3);
        assertThat(body.get("events").get(3).get("reason").asString()).isEqualTo("no-answer");
        JsonNode requested = body.get("events").get(4);
        assertThat(requested.get("sameNumber").asBoolean()).isTrue();
        assertThat(requested.toString()).as("the number itself is never in the journal").doesNotContain("+33", "06");
        JsonNode attempt = body.get("events").get(5);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("agent").asString()).isEqualTo("agent-8");
        assertThat(attempt.get("result").asString()).isEqualTo("reached");
        assertThat(body.get("events").get(8).get("score").asInt()).isEqualTo(5);
        assertThat(body.get("events").get(9).get("reason").asString()).isEqualTo("CALLBACK_DONE");
    }

    @Test
    void unknown_and_malformed_contact_ids_are_404_problems() throws Exception {
        Reply unknown = get("/api/v1/contacts/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(unknown.body().get("detail").asString()).startsWith("no contact with id");
        Reply malformed = get("/api/v1/contacts/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.contentType()).contains("application/problem+json");
    }

    @Test
    void bad_parameters_are_400_problems_naming_the_parameter_and_the_reason() throws Exception {
        assertBadParameter("/api/v1/contacts?from=yesterday", "from",
                "'from' must be an ISO 8601 instant (2026-11-27T08:00:00Z) or date (2026-11-27), got 'yesterday'");
        assertBadParameter("/api/v1/contacts?size=501", "size", "'size' must be between 1 and 500, got 501");
        assertBadParameter("/api/v1/contacts?size=0", "size", "'size' must be between 1 and 500, got 0");
        assertBadParameter("/api/v1/contacts?page=-1", "page", "'page' must be between 0 and 1000000, got -1");
        assertBadParameter("/api/v1/contacts?page=x", "page", "'page' must be a whole number, got 'x'");
        assertBadParameter("/api/v1/contacts?from=2026-11-28&to=2026-11-27T00:00:00Z", "from",
                "'from' (2026-11-27T23:00:00Z) must be before 'to' (2026-11-27T00:00:00Z)");
    }

    private void assertBadParameter(String path, String parameter, String detail) throws Exception {
        Reply reply = get(path);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.contentType()).contains("application/problem+json");
        assertThat(reply.body().get("parameter").asString()).isEqualTo(parameter);
        assertThat(reply.body().get("detail").asString()).isEqualTo(detail);
    }

    @Test
    void the_directory_lists_administrations_services_numbers_hours_and_menus() throws Exception {
        Reply reply = get("/api/v1/directory");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode administrations = reply.body().get("administrations");
        assertThat(administrations).extracting(n -> n.get("id").asString())
                .containsExactly("caf-demoville", "mairie-exempleville", "prefecture-exemple");
        JsonNode caf = administrations.get(0);
        assertThat(caf.get("kind").asString()).isEqualTo("social-security");
        assertThat(caf.get("address").get("postalCode").asString()).isEqualTo("01000");
        JsonNode prestations = caf.get("services").get(0);
        assertThat(prestations.get("numbers").get(0).get("number").asString()).isEqualTo("+33199000100");
        assertThat(prestations.get("numbers").get(0).get("sipUser").asString()).isEqualTo("0199000100");
        assertThat(prestations.get("hours").get("zone").asString()).isEqualTo("Europe/Paris");
        assertThat(prestations.get("hours").get("holidays").asString()).isEqualTo("france");
        assertThat(prestations.get("hours").get("weekly").get("monday")).extracting(JsonNode::asString)
                .containsExactly("08:30-12:00", "13:30-16:30");
        assertThat(prestations.get("hours").has("saturday")).isFalse();
        assertThat(prestations.has("openNow")).isTrue();
        assertThat(prestations.get("nextOpening").asString()).matches("\\d{4}-\\d{2}-\\d{2}T(08:30|13:30)\\+0[12]:00");
        JsonNode main = prestations.get("menus").get("main");
        assertThat(main.get("prompt").asString()).isEqualTo("demo/caf/menu");
        assertThat(main.get("timeoutMs").asLong()).isEqualTo(5000);
        assertThat(main.get("options").get("1").get("action").asString()).isEqualTo("menu");
        assertThat(main.get("options").get("1").get("menu").asString()).isEqualTo("logement");
        assertThat(main.get("options").get("3").get("then").asString()).isEqualTo("back");
        assertThat(main.get("onFailure").get("action").asString()).isEqualTo("hang-up");
        JsonNode essai = administrations.get(2).get("services").get(0);
        assertThat(essai.get("openNow").asBoolean()).as("open every day, all day").isTrue();
        assertThat(essai.get("hours").get("weekly").get("sunday").get(0).asString()).isEqualTo("00:00-24:00");
        assertThat(essai.get("numbers")).extracting(n -> n.get("number").asString()).containsExactly("+33199000999", "3999");
        JsonNode mairieMenu = administrations.get(1).get("services").get(0).get("menus").get("main");
        assertThat(mairieMenu.get("options").get("9").get("action").asString()).isEqualTo("queue");
        assertThat(mairieMenu.get("options").get("9").get("queue").asString()).isEqualTo("etat-civil");
        JsonNode queue = reply.body().get("queues").get(0);
        assertThat(queue.get("id").asString()).isEqualTo("etat-civil");
        assertThat(queue.get("service").asString()).isEqualTo("etat-civil");
        assertThat(queue.get("skills").get("etat-civil").asInt()).isEqualTo(2);
        assertThat(queue.get("maxWaitMs").asLong()).isEqualTo(300_000);
        assertThat(queue.get("whenNoAgents").asString()).isEqualTo("wait");
        assertThat(queue.get("overflow").get("message").asString()).isEqualTo("demo/mairie/debordement");
    }

    @Test
    void health_answers_up_and_prometheus_metrics_are_exposed() throws Exception {
        Reply health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
        Reply metrics = get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("jvm_threads_live_threads");
        assertThat(metrics.text()).contains("accueil_rtp_bridges_active").contains("accueil_rtp_packets_relayed_total");
    }

    @Test
    void the_start_up_recovery_ran_before_the_web_api_answered() {
        assertThat(recovery.closedAtStart()).isGreaterThanOrEqualTo(0);
        assertThat(recovery.isRunning()).isTrue();
    }
}
