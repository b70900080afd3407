package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The results site in headless Chromium: the chart really renders beside its table, the open-data
 * links are there, and axe-core finds no serious or critical accessibility violation on any page.
 */
class ResultsBrowserTest extends BrowserTestBase {
    @Test
    void the_administration_page_renders_its_chart_and_the_charts_data_table() {
        chromium.driver().get(url("/resultats/caf-demoville"));
        // dsfr-chart is a Vue web component: it draws into a canvas once its script has run.
        Boolean drawn = new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d -> (Boolean) chromium.script("""
                const chart = document.querySelector('bar-chart#graphique-mensuel');
                if (!chart) return false;
                const root = chart.shadowRoot || chart;
                const canvas = root.querySelector('canvas');
                return !!canvas && canvas.width > 0 && canvas.height > 0;
                """));
        assertThat(drawn).isTrue();
        assertThat(chromium.script("return customElements.get('bar-chart') !== undefined")).isEqualTo(true);

        WebElement table = chromium.driver().findElement(By.id("donnees-graphique"));
        assertThat(table.isDisplayed()).isTrue();
        assertThat(table.findElement(By.tagName("caption")).getText()).startsWith("Données du graphique");
        List<WebElement> months = table.findElements(By.cssSelector("tbody tr"));
        assertThat(months).hasSize(12);
        assertThat(table.getText()).as("getText() turns no-break spaces into spaces").contains("90,0 % (18 sur 20)", "80,0 % (8 sur 10)", "non disponible (0 sur 0)");

        WebElement csv = chromium.driver().findElement(By.cssSelector("a[href='/opendata/indicators.csv']"));
        assertThat(csv.getAttribute("download")).isNotNull();
        assertThat(csv.getText()).contains("CSV");
        assertThat(chromium.driver().findElements(By.cssSelector("a[href='/opendata/indicators.json']"))).isNotEmpty();
        assertThat(chromium.script("return getComputedStyle(document.body).fontFamily")).asString()
                .as("the DSFR stylesheet is applied").contains("Marianne");
    }

    @Test
    void axe_core_finds_no_serious_or_critical_violation_on_the_public_pages() {
        List<String> serious = new ArrayList<>();
        for (String path : List.of("/resultats", "/resultats/caf-demoville", "/resultats/prefecture-exemple",
                "/resultats/methodologie", "/resultats/nulle-part")) {
            chromium.driver().get(url(path));
            serious.addAll(seriousViolations(path));
        }
        assertThat(serious).isEmpty();
    }

    @Test
    void axe_core_finds_no_serious_or_critical_violation_on_the_wallboard() {
        chromium.driver().get(url("/supervision").replace("://", "://superviseur:mot-de-passe-test@"));
        assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Supervision en direct");
        // The live stream updates the time at least once (refresh is 300 ms in these tests).
        String first = chromium.driver().findElement(By.id("heure")).getText();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30))
                .until(d -> !d.findElement(By.id("heure")).getText().equals(first));
        assertThat(seriousViolations("/supervision")).isEmpty();
    }

    @Test
    void the_wallboard_shows_the_queues_and_a_logged_in_agent_as_available_without_reloading() throws Exception {
        chromium.driver().get(url("/supervision").replace("://", "://superviseur:mot-de-passe-test@"));
        assertThat(liveText(chromium.driver(), "#files")).contains("etat-civil");
        try {
            assertThat(changeState("agent1", "AVAILABLE")).isEqualTo(200);
            // The live stream, not a reload, brings the new state into the page.
            new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d -> agentRow(d, "Camille Martin").contains("Disponible"));
            assertThat(agentRow(chromium.driver(), "Camille Martin")).matches("Camille Martin Disponible \\d{2}:\\d{2}");
            assertThat(agentRow(chromium.driver(), "Louis Bernard")).startsWith("Louis Bernard Déconnecté");
            String queue = liveText(chromium.driver(), "#files");
            assertThat(queue).contains("etat-civil").contains("Disponible : 1").contains("Déconnecté : 1");
        } finally {
            // The context is shared with the agents' page tests, which start from a logged-out agent1.
            changeState("agent1", "LOGGED_OUT");
        }
    }

    private int changeState(String agent, String state) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/agents/" + agent + "/state")))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"state\": \"" + state + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String agentRow(org.openqa.selenium.WebDriver driver, String name) {
        return liveTexts(driver, "#agents tr").stream().filter(text -> text.startsWith(name)).findFirst().orElse("");
    }

    /**
     * The texts of the elements matching {@code css}, read in one script: the live stream replaces the
     * wallboard's rows every 2 s, so element handles found in one call can be stale in the next.
     */
    private static List<String> liveTexts(org.openqa.selenium.WebDriver driver, String css) {
        Object texts = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText)", css);
        List<String> out = new ArrayList<>();
        for (Object text : (List<?>) texts) {
            out.add(String.valueOf(text).replaceAll("[\\s\\u00A0\\u202F]+", " ").strip());
        }
        return out;
    }

    private static String liveText(org.openqa.selenium.WebDriver driver, String css) {
        return String.join(" ", liveTexts(driver, css));
    }

    private static List<String> seriousViolations(String path) {
        JsonNode violations = chromium.axeViolations();
        List<String> out = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.get("impact").asString();
            if (impact.equals("serious") || impact.equals("critical")) {
                out.add(path + ": " + v.get("id").asString() + " (" + impact + ") " + v.get("help").asString() + " at " + v.get("nodes"));
            }
        }
        return out;
    }
}
