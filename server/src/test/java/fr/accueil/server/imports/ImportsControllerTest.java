package fr.accueil.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;

/** Without a configured token the upload API is closed: 503, whatever the caller sends. */
class ImportsControllerTest {
    @Test
    void without_a_configured_token_uploads_are_503() throws Exception {
        ImportsController controller = new ImportsController(null, new ImportSettings(null, null, 100));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/imports/csv");
        request.addHeader("Authorization", "Bearer anything-at-all-here");
        var reply = controller.upload("csv", request);
        assertThat(reply.getStatusCode().value()).isEqualTo(503);
        assertThat(((ProblemDetail) reply.getBody()).getDetail()).isEqualTo("the upload API is disabled: no accueil.imports.token is configured");
    }

    @Test
    void a_short_token_is_refused_at_start_up() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImportSettings("short", null, 100))
                .hasMessage("accueil.imports.token must be at least 16 characters long");
    }
}
