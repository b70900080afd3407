package fr.accueil.server.queues;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without an outbound trunk (the default), a web callback cannot be placed: 503 and nothing queued. */
class CallbacksWithoutTrunkTest extends QueuesApiTestBase {
    static final Path DATA_DIR = tempDir("accueil-callbacks-no-trunk");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("accueil.data-dir", DATA_DIR::toString);
    }

    @Test
    void a_callback_without_trunk_is_a_503_and_queues_nothing() throws Exception {
        Reply reply = postFrom(21, "/api/v1/callbacks", "{\"queue\": \"etat-civil\", \"number\": \"06 12 34 56 78\"}");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().get("detail").asString())
                .isEqualTo("Le rappel n'est pas disponible : aucune ligne sortante n'est configurée.");
        assertThat(get("/api/v1/queues").body().get(0).get("waiting").asInt()).isZero();
    }
}
