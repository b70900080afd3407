package fr.accueil.server.queues;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/queues} and {@code POST /api/v1/callbacks} with an outbound trunk configured (to a
 * port nobody listens on: no agent is available, so no callback is ever dialled during these tests).
 */
@ExtendWith(OutputCaptureExtension.class)
class QueuesApiTest extends QueuesApiTestBase {
    static final Path DATA_DIR = tempDir("accueil-queues-api");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("accueil.data-dir", DATA_DIR::toString);
        registry.add("accueil.contact-centre.trunk.uri-template", () -> "sip:{number}@127.0.0.1:9");
        registry.add("accueil.contact-centre.trunk.from-number", () -> "0199000100");
        registry.add("accueil.contact-centre.web-callbacks.max-per-source", () -> "3");
    }

    private JsonNode etatCivil() throws Exception {
        Reply queues = get("/api/v1/queues");
        assertThat(queues.status()).isEqualTo(200);
        for (JsonNode queue : queues.body()) {
            if (queue.get("id").asString().equals("etat-civil")) {
                return queue;
            }
        }
        throw new AssertionError("no etat-civil queue in " + queues.text());
    }

    @Test
    void queues_show_the_demo_queue_live_with_its_agents_by_state() throws Exception {
        JsonNode queue = etatCivil();
        assertThat(queue.get("service").asString()).isEqualTo("etat-civil");
        assertThat(queue.get("live").asBoolean()).isTrue();
        assertThat(queue.get("longestWaitSeconds").isNumber()).isTrue();
        assertThat(queue.has("estimatedWaitSeconds")).isTrue();
        JsonNode agents = queue.get("agents");
        assertThat(agents.propertyNames()).containsExactly("LOGGED_OUT", "AVAILABLE", "PAUSED", "RINGING", "ON_CONTACT", "WRAP_UP");
        assertThat(agents.get("LOGGED_OUT").asInt() + agents.get("AVAILABLE").asInt() + agents.get("PAUSED").asInt()
                + agents.get("RINGING").asInt() + agents.get("ON_CONTACT").asInt() + agents.get("WRAP_UP").asInt()).isEqualTo(2);
    }

    @Test
    void a_web_callback_waits_in_the_queue_and_its_number_is_never_logged(CapturedOutput output) throws Exception {
        int before = etatCivil().get("waiting").asInt();

        Reply booked = postFrom(11, "/api/v1/callbacks", "{\"queue\": \"etat-civil\", \"number\": \"06 12 34 56 78\"}");

        assertThat(booked.status()).as(booked.text()).isEqualTo(202);
        String contact = booked.body().get("contact").asString();
        assertThat(booked.body().get("queue").asString()).isEqualTo("etat-civil");
        assertThat(booked.body().get("position").asInt()).isEqualTo(before + 1);
        assertThat(booked.body().has("estimatedWaitSeconds")).isTrue();
        assertThat(booked.raw().headers().firstValue("Location")).hasValue("/api/v1/contacts/" + contact);
        assertThat(booked.text()).doesNotContain("12 34", "612345678");

        JsonNode queue = etatCivil();
        assertThat(queue.get("waiting").asInt()).isEqualTo(before + 1);
        assertThat(queue.get("longestWaitSeconds").asLong()).isGreaterThanOrEqualTo(0);

        Reply record = get("/api/v1/contacts/" + contact);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.body().get("channel").asString()).isEqualTo("WEB");
        assertThat(record.body().get("service").asString()).isEqualTo("etat-civil");
        assertThat(record.body().get("events")).extracting(e -> e.get("type").asString())
                .contains("enqueued", "callback-requested");
        assertThat(record.text()).doesNotContain("612345678");

        assertThat(output.getAll()).contains("web callback: contact " + contact)
                .doesNotContain("612345678", "06 12 34 56 78", "0612345678");
    }

    @Test
    void a_number_the_outbound_policy_refuses_is_a_400_with_the_french_reason() throws Exception {
        Reply premium = postFrom(12, "/api/v1/callbacks", "{\"queue\": \"etat-civil\", \"number\": \"08 99 12 34 56\"}");
        assertThat(premium.status()).isEqualTo(400);
        assertThat(premium.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(premium.body().get("detail").asString()).isEqualTo("Ce numéro ne peut pas être rappelé : numéro surtaxé (081 à 089) : appel refusé.");

        Reply emergency = postFrom(12, "/api/v1/callbacks", "{\"queue\": \"etat-civil\", \"number\": \"112\"}");
        assertThat(emergency.status()).isEqualTo(400);
        assertThat(emergency.body().get("detail").asString()).contains("numéro d'urgence");
    }

    @Test
    void a_malformed_body_is_a_400_in_french() throws Exception {
        for (String body : new String[] {"{\"queue\": ", "{}", "{\"queue\": \"etat-civil\"}", "[1, 2]"}) {
            Reply reply = postFrom(13, "/api/v1/callbacks", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.body().get("detail").asString()).as(body).startsWith("Le corps doit être");
        }
    }

    @Test
    void an_unknown_queue_is_a_404() throws Exception {
        Reply reply = postFrom(14, "/api/v1/callbacks", "{\"queue\": \"urbanisme-nulle-part\", \"number\": \"06 12 34 56 78\"}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("detail").asString()).isEqualTo("Aucune file d'attente ne porte le nom « urbanisme-nulle-part ».");
    }

    @Test
    void one_address_is_refused_with_429_over_the_limit_while_another_is_served() throws Exception {
        String refused = "{\"queue\": \"etat-civil\", \"number\": \"3949\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(postFrom(15, "/api/v1/callbacks", refused).status()).isEqualTo(400);
        }
        Reply over = postFrom(15, "/api/v1/callbacks", "{\"queue\": \"etat-civil\", \"number\": \"06 12 34 56 79\"}");
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.body().get("detail").asString()).startsWith("Trop de demandes de rappel");

        assertThat(postFrom(16, "/api/v1/callbacks", refused).status()).isEqualTo(400);
    }

    @Test
    void cors_is_not_opened_to_other_sites() throws Exception {
        Reply post = postFrom(17, "/api/v1/callbacks", "{}", Map.of("Origin", "https://mairie.example"));
        assertThat(post.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        var preflight = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri("/api/v1/callbacks"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://mairie.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build());
        assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
