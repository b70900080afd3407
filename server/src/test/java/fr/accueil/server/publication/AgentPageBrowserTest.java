package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The agents' page (/agent) in headless Chromium, as demo agent1: a wrong password is refused in
 * French, the right one signs in, the buttons change the state shown, a refused change explains why,
 * and axe-core finds no serious or critical violation. Lives here for the shared Chromium fixture.
 */
class AgentPageBrowserTest extends BrowserTestBase {

    private void signIn(String username, String password) {
        chromium.driver().get(url("/agent"));
        assertThat(chromium.driver().getCurrentUrl()).as("sent to the sign-in form").endsWith("/agent/connexion");
        chromium.driver().findElement(By.id("username")).sendKeys(username);
        chromium.driver().findElement(By.id("password")).sendKeys(password);
        click("se-connecter");
    }

    private String state() {
        return chromium.driver().findElement(By.id("etat")).getText();
    }

    /**
     * Each button submits a form: wait for the new page, not the one being left. The old page is marked
     * in its window object (a new document has a new one); Chrome may answer a question about a node of
     * the page being left with a generic error rather than "stale", hence the errors ignored while waiting.
     */
    private void click(String id) {
        chromium.script("window.accueilLeaving = true");
        chromium.driver().findElement(By.id(id)).click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(chromium.script(
                        "return window.accueilLeaving !== true && document.readyState === 'complete'")));
    }

    @Test
    void an_agent_signs_in_and_moves_between_available_and_pause() {
        chromium.driver().manage().deleteAllCookies();
        signIn("agent1", "pas-le-bon");
        assertThat(chromium.driver().findElement(By.id("erreur")).getText())
                .isEqualTo("Identifiant ou mot de passe incorrect. Utilisez les identifiants SIP de votre téléphone.");
        assertThat(seriousViolations("/agent/connexion?erreur")).isEmpty();

        signIn("agent1", "demo-agent1");
        assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Bonjour Camille Martin");
        assertThat(chromium.driver().findElement(By.id("telephones")).getText()).isEqualTo("Aucun téléphone enregistré");
        if (!state().equals("Déconnecté")) {
            click("se-deconnecter");
        }
        assertThat(state()).isEqualTo("Déconnecté");

        click("pause");
        assertThat(chromium.driver().findElement(By.id("erreur")).getText()).as("the 409, in French").isEqualTo(
                "Changement impossible : vous êtes « Déconnecté » et ne pouvez pas passer à « En pause ». "
                        + "Choisissez d’abord « Disponible » pour vous connecter.");
        assertThat(state()).isEqualTo("Déconnecté");

        click("disponible");
        assertThat(state()).isEqualTo("Disponible");
        assertThat(chromium.driver().findElement(By.id("info")).getText()).isEqualTo("Vous êtes disponible : les appels peuvent vous être présentés.");

        new Select(chromium.driver().findElement(By.id("motif"))).selectByVisibleText("Formation");
        click("pause");
        assertThat(state()).isEqualTo("En pause (Formation)");

        click("disponible");
        assertThat(state()).isEqualTo("Disponible");
        assertThat(chromium.script("return getComputedStyle(document.body).fontFamily")).asString()
                .as("the DSFR stylesheet is applied").contains("Marianne");
        assertThat(seriousViolations("/agent")).isEmpty();

        click("se-deconnecter");
        assertThat(state()).isEqualTo("Déconnecté");
        click("fermer-session");
        assertThat(chromium.driver().getCurrentUrl()).endsWith("/agent/connexion?fin");
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
