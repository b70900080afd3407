package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Needs the open-data endpoints of the indicators backend: in headless Chromium, the CSV link of
 * an administration page downloads the open data, and its numerators and denominators equal the
 * figures the page shows for every service.
 */
class OpenDataDownloadBrowserTest extends BrowserTestBase {
    @Test
    void the_csv_link_downloads_the_open_data_whose_counts_equal_the_pages_figures() throws Exception {
        chromium.driver().get(url("/resultats/caf-demoville"));
        chromium.driver().findElement(By.cssSelector("a[href='/opendata/indicators.csv']")).click();
        Path csv = new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> files = Files.list(chromium.downloads())) {
                return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).isEqualTo(
                "period,period_start,administration,service,number,channel,indicator,unit,numerator,denominator,value,rule_set_version");
        // (administration/service/indicator) -> "numerator sur denominator"
        Map<String, String> counts = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f[11]).isEqualTo(HandBuiltFacts.VERSION);
            counts.put(f[2] + "/" + f[3] + "/" + f[6], f[8] + " sur " + f[9]);
        }
        assertThat(counts).containsEntry("caf-demoville/caf-prestations/pickup_rate", "18 sur 20");

        // Columns of the page's per-service table, in order, and their open-data indicator.
        List<String> indicators = java.util.Arrays.asList("pickup_rate", "global_rate", "ivr_abandons", "queue_abandons", null,
                "service_level", "saturation_refusals", "closed_hours_calls");
        List<WebElement> rows = chromium.driver().findElements(By.cssSelector("#par-service-table tbody tr"));
        int compared = 0;
        for (WebElement row : rows) {
            String service = row.getAttribute("data-service");
            List<WebElement> cells = row.findElements(By.tagName("td"));
            for (int i = 0; i < indicators.size(); i++) {
                if (indicators.get(i) == null) {
                    continue;
                }
                String shown = cells.get(i).getText();
                String key = "caf-demoville/" + service + "/" + indicators.get(i);
                // A service without any call has no row in the open data: the page shows 0 sur 0.
                String expected = counts.getOrDefault(key, "0 sur 0");
                assertThat(shown).as(key).endsWith("(" + expected + ")");
                compared++;
            }
        }
        assertThat(compared).isEqualTo(7 * rows.size());
    }
}
