package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.server.AccueilApplication;
import fr.accueil.server.indicators.IndicatorQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real application (SIP on a free loopback port, H2 in a temp data directory) with
 * {@link HandBuiltFacts} as the indicator source, shared by the page, wallboard and browser tests
 * (one Spring context for all of them).
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.port=0", "accueil.sip.bind=127.0.0.1",
                "accueil.supervision.username=superviseur", "accueil.supervision.password={noop}mot-de-passe-test",
                "accueil.supervision.refresh=300ms"})
@Import(PublicSiteTestBase.Facts.class)
public abstract class PublicSiteTestBase {
    static final Path DATA_DIR = temp();
    static final HandBuiltFacts FACTS = new HandBuiltFacts(Instant.now());
    /** A published figure: a percentage or « non disponible », then its counts. */
    static final Pattern FIGURE = Pattern.compile("<span class=\"accueil-figure\">([^<]*)</span>");
    static final Pattern FIGURE_TEXT = Pattern.compile("(\\d+,\\d\u00a0%|non disponible) \\(\\d[\\d\u202f\u00a0]* sur \\d[\\d\u202f\u00a0]*\\)");
    static final Pattern PERCENT = Pattern.compile("\\d+,\\d\u00a0%");

    @LocalServerPort
    protected int port;

    final HttpClient http = HttpClient.newHttpClient();

    @TestConfiguration
    static class Facts {
        /** Primary: wins over the roll-up backend's bean too, so the figures below are known. */
        @Bean
        @Primary
        IndicatorQueries handBuiltFacts() {
            return FACTS;
        }
    }

    private static Path temp() {
        try {
            Path dir = Files.createTempDirectory("accueil-site");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("accueil.data-dir", DATA_DIR::toString);
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every figure is a rate or « non disponible » with its counts, and no percentage stands alone. */
    static void assertEveryRateHasItsCounts(String html) {
        Matcher figures = FIGURE.matcher(html);
        int count = 0;
        while (figures.find()) {
            count++;
            assertThat(figures.group(1)).as("figure %d", count).matches(FIGURE_TEXT);
        }
        assertThat(count).as("figures on the page").isPositive();
        String text = html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", "");
        Matcher percents = PERCENT.matcher(text);
        while (percents.find()) {
            String after = text.substring(percents.start(), Math.min(text.length(), percents.start() + 60));
            assertThat(after).as("a rate without its counts").containsPattern("^" + FIGURE_TEXT.pattern());
        }
    }

    /** The table row of the given data attribute, e.g. {@code data-administration="caf-demoville"}. */
    static String row(String html, String attribute, String value) {
        Matcher m = Pattern.compile("(?s)<tr " + attribute + "=\"" + Pattern.quote(value) + "\">(.*?)</tr>").matcher(html);
        assertThat(m.find()).as("row %s=%s", attribute, value).isTrue();
        return m.group(1);
    }
}
