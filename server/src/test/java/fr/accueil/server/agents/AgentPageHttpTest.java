package fr.accueil.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentState;
import fr.accueil.server.publication.PublicSiteTestBase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The agents' page over real HTTP on the running application: form login separate from the
 * supervisor's Basic auth, CSRF, and an agent changing only their own state. Uses demo agent2
 * (the browser test uses agent1; the Spring context is shared).
 */
class AgentPageHttpTest extends PublicSiteTestBase {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    AgentStateChanger states;

    /** A browser-like client: cookies kept, redirects not followed so that they can be checked. */
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> fetch(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the form").isTrue();
        return m.group(1);
    }

    private String signIn(String username, String password) throws Exception {
        String token = csrf(fetch("/agent/connexion").body());
        HttpResponse<String> login = post("/agent/connexion", Map.of("username", username, "password", password, "_csrf", token));
        return login.headers().firstValue("Location").orElse("");
    }

    @Test
    void the_page_asks_for_a_sign_in_and_refuses_wrong_credentials_in_french() throws Exception {
        HttpResponse<String> anonymous = fetch("/agent");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/agent/connexion"));

        assertThat(fetch("/agent/connexion").body()).as("the shared header, leading back to the agents' space").contains(
                "<a href=\"/agent\" title=\"Accueil téléphonique des services publics – Espace agent\">",
                "<p class=\"fr-header__service-tagline\">Espace agent</p>", "href=\"#contenu\"", "id=\"pied-de-page\"");

        assertThat(signIn("agent2", "mauvais")).endsWith("/agent/connexion?erreur");
        assertThat(fetch("/agent/connexion?erreur").body()).contains("Identifiant ou mot de passe incorrect.");
        assertThat(fetch("/agent").statusCode()).as("still signed out").isEqualTo(302);
    }

    @Test
    void the_supervisors_basic_credentials_do_not_open_the_agents_page() throws Exception {
        HttpResponse<String> basic = browser.send(HttpRequest.newBuilder(URI.create(url("/agent"))).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("superviseur:mot-de-passe-test".getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(302);
        assertThat(signIn("superviseur", "mot-de-passe-test")).endsWith("/agent/connexion?erreur");
        HttpResponse<String> agentOnWallboard = browser.send(HttpRequest.newBuilder(URI.create(url("/supervision"))).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("agent2:demo-agent2".getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(agentOnWallboard.statusCode()).as("nor do an agent's credentials open the wallboard").isEqualTo(401);
    }

    @Test
    void a_signed_in_agent_changes_only_their_own_state_with_the_csrf_token() throws Exception {
        assertThat(signIn("agent2", "demo-agent2")).endsWith("/agent");
        HttpResponse<String> page = fetch("/agent");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Bonjour Louis Bernard", "Aucun téléphone enregistré");
        String token = csrf(page.body());
        AgentState agent1Before = states.stateOf(new AgentId("agent1")).orElseThrow();

        HttpResponse<String> withoutToken = post("/agent/etat", Map.of("etat", "AVAILABLE"));
        assertThat(withoutToken.statusCode()).as("no CSRF token").isEqualTo(403);

        if (states.stateOf(new AgentId("agent2")).orElseThrow() instanceof AgentState.LoggedOut) {
            Map<String, String> logIn = new LinkedHashMap<>(Map.of("etat", "AVAILABLE", "_csrf", token));
            logIn.put("agent", "agent1"); // ignored: the agent is the signed-in one
            HttpResponse<String> done = post("/agent/etat", logIn);
            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(fetch("/agent").body()).as("the redirect shows the outcome").contains("Vous êtes disponible");
        }
        assertThat(states.stateOf(new AgentId("agent2"))).contains(AgentState.AVAILABLE);
        assertThat(states.stateOf(new AgentId("agent1"))).as("another agent is untouched").contains(agent1Before);

        HttpResponse<String> badReason = post("/agent/etat", Map.of("etat", "PAUSED", "motif", "Sieste", "_csrf", token));
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(badReason.body()).contains("Choisissez un motif de pause dans la liste.");

        HttpResponse<String> paused = post("/agent/etat", Map.of("etat", "PAUSED", "motif", "Réunion", "_csrf", token));
        assertThat(paused.statusCode()).isEqualTo(303);
        assertThat(states.stateOf(new AgentId("agent2"))).contains(new AgentState.Paused("Réunion"));
        assertThat(fetch("/agent").body()).contains("En pause (Réunion)", "Vous êtes en pause (Réunion).");

        assertThat(post("/agent/etat", Map.of("etat", "LOGGED_OUT", "_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(fetch("/agent").body()).contains("<strong id=\"etat\">Déconnecté</strong>");
        HttpResponse<String> refused = post("/agent/etat", Map.of("etat", "PAUSED", "motif", "Pause", "_csrf", token));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Changement impossible : vous êtes « Déconnecté » et ne pouvez pas passer à « En pause ».",
                "Choisissez d’abord « Disponible » pour vous connecter.");

        HttpResponse<String> signedOut = post("/agent/fin-de-session", Map.of("_csrf", token));
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/agent/connexion?fin"));
        assertThat(fetch("/agent").statusCode()).isEqualTo(302);
    }
}
