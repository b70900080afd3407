package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.indicators.Dimension;
import fr.accueil.core.indicators.GroupKey;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.core.indicators.Tallies;
import fr.accueil.server.AccueilApplication;
import fr.accueil.server.indicators.IndicatorQueries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Native contacts recorded in the journal: {@link FactsIndicatorQueries} computes them by the rules,
 * and the pages show them through whichever {@link IndicatorQueries} the application has (this
 * fallback, or the roll-up backend, which must agree): IVR-only contacts (no queue yet) give a global
 * rate but no pickup rate. Also: no supervisor password configured means no one opens the wallboard.
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.port=0", "accueil.sip.bind=127.0.0.1"})
class JournalFallbackTest {
    private static final Instant AT = Period.quarterHourOf(Instant.now());
    private static boolean recorded;

    @LocalServerPort
    int port;
    @Autowired
    ContactJournal journal;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("accueil-site-journal");
        dir.toFile().deleteOnExit();
        registry.add("accueil.data-dir", dir::toString);
    }

    @BeforeEach
    void record_contacts_once() {
        if (recorded) {
            return;
        }
        recorded = true;
        close(Outcome.SELF_SERVICE_COMPLETED);
        close(Outcome.SELF_SERVICE_COMPLETED);
        close(Outcome.ABANDONED_IN_IVR);
        close(Outcome.CLOSED_HOURS);
        close(Outcome.REFUSED_AT_CAPACITY);
        open(); // still in progress: no outcome yet, not counted
    }

    private ContactId open() {
        ContactStart start = new ContactStart(ContactId.random(), Channel.PHONE, "caf-demoville", "caf-prestations",
                "+33199000100", "f00d", AT);
        journal.open(start);
        journal.append(start.id(), new ContactEvent.Received(AT, "+33199000100", "0199000100"));
        return start.id();
    }

    private void close(Outcome outcome) {
        journal.close(open(), outcome, AT.plusSeconds(30));
    }

    @Test
    void the_fallback_computes_the_indicators_from_the_ended_contacts_of_the_journal() {
        IndicatorQueries queries = new FactsIndicatorQueries(journal, RuleSet.defaults("2026-1"));
        Map<Slice, Indicators> rows = queries.compute(new Query(Set.of(Dimension.ADMINISTRATION, Dimension.SERVICE),
                Period.DAY, ZoneId.of("Europe/Paris"), AT.minusSeconds(86_400), AT.plusSeconds(900)));
        assertThat(rows).hasSize(1);
        Map.Entry<Slice, Indicators> row = rows.entrySet().iterator().next();
        assertThat(row.getKey().group()).isEqualTo(new GroupKey("caf-demoville", "caf-prestations", GroupKey.ALL, GroupKey.ALL));
        Tallies t = row.getValue().tallies();
        assertThat(t.received()).isEqualTo(5);
        assertThat(t.closedHours()).isEqualTo(1);
        assertThat(t.receivedInHours()).isEqualTo(4);
        assertThat(t.selfServiceCompleted()).isEqualTo(2);
        assertThat(t.ivrAbandons()).isEqualTo(1);
        assertThat(t.refusedAtCapacity()).isEqualTo(1);
        assertThat(t.presented()).as("no queue yet: nothing presented to an agent").isZero();
        assertThat(row.getValue().ruleSetVersion()).isEqualTo("2026-1");
        assertThat(queries.compute(new Query(Set.of(), Period.ALL, ZoneId.of("UTC"), AT.plusSeconds(900),
                AT.plusSeconds(1800)))).as("nothing after the range").isEmpty();
    }

    @Test
    void the_administration_page_shows_native_contacts_with_non_disponible_pickup_rate() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/resultats/caf-demoville")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        String service = PublicSiteTestBase.row(reply.body(), "data-service", "caf-prestations");
        assertThat(service).contains("non disponible (0 sur 0)", "50,0\u00a0% (2 sur 4)", "25,0\u00a0% (1 sur 4)",
                "20,0\u00a0% (1 sur 5)");
        PublicSiteTestBase.assertEveryRateHasItsCounts(reply.body());
    }

    @Test
    void without_a_configured_password_the_wallboard_refuses_everyone() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/supervision"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("superviseur:".getBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(401);
    }
}
