package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.indicators.Period;
import fr.accueil.server.indicators.IndicatorQueries;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The public results pages over HTTP, on {@link HandBuiltFacts}. */
class ResultsSiteTest extends PublicSiteTestBase {
    private static final String NBSP = "\u00a0";

    @Autowired
    IndicatorQueries queries;

    @Test
    void the_pages_read_the_indicator_queries_bean_of_the_context() {
        assertThat(queries).isSameAs(FACTS);
    }

    @Test
    void the_home_page_shows_each_administrations_quarter_rate_with_counts_target_and_trend() throws Exception {
        HttpResponse<String> reply = get("/resultats");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/html").contains("UTF-8");
        String html = reply.body();
        assertThat(html).contains("<html lang=\"fr\"", "République<br>française", "Taux de décroché de l’accueil téléphonique",
                "href=\"#contenu\"", "<main id=\"contenu\"", "<caption>Taux de décroché par administration",
                "(objectif <span>85" + NBSP + "%</span>)", "version <span>test-7</span>",
                "<a href=\"/resultats\" title=\"Accueil téléphonique des services publics – Résultats\">");
        String quarter = ResultsPeriods.quarterLabel(FACTS.currentQuarter, HandBuiltFacts.ZONE);
        assertThat(html).contains(quarter);

        String caf = row(html, "data-administration", "caf-demoville");
        assertThat(caf).contains("href=\"/resultats/caf-demoville\"", "Caisse d&#39;allocations familiales de Démoville",
                "90,0" + NBSP + "% (18 sur 20)", "fr-badge--success\">Objectif atteint", "80,0" + NBSP + "% (8 sur 10)",
                "en hausse", "test-7");
        String mairie = row(html, "data-administration", "mairie-exempleville");
        assertThat(mairie).contains("70,0" + NBSP + "% (7 sur 10)", "fr-badge--error\">Objectif non atteint",
                "non disponible (0 sur 0)", "évolution non disponible");
        String prefecture = row(html, "data-administration", "prefecture-exemple");
        assertThat(prefecture).contains("non disponible (0 sur 0)", "class=\"fr-badge\">Non disponible")
                .doesNotContain("0,0" + NBSP + "%", "Objectif atteint", "Objectif non atteint");
        String imported = row(html, "data-administration", "mairie-importee");
        assertThat(imported).as("an administration known only from the figures").contains(
                "href=\"/resultats/mairie-importee\"", "100,0" + NBSP + "% (1 sur 1)");
        assertThat(html.indexOf("caf-demoville")).as("directory order first")
                .isLessThan(html.indexOf("mairie-exempleville")).isLessThan(html.indexOf("mairie-importee"));

        assertThat(html).contains("href=\"/opendata/indicators.csv\"", "href=\"/opendata/indicators.json\"",
                "href=\"/opendata/indicators.schema.json\"", "href=\"/resultats/methodologie\"");
        assertEveryRateHasItsCounts(html);
        assertThat(get("/").body()).as("the site's root is the results home").contains("taux-par-administration");
    }

    @Test
    void the_administration_page_breaks_down_by_service_with_counts_and_a_chart_with_its_table() throws Exception {
        HttpResponse<String> reply = get("/resultats/caf-demoville");
        assertThat(reply.statusCode()).isEqualTo(200);
        String html = reply.body();
        assertThat(html).contains("<h1>Caisse d&#39;allocations familiales de Démoville</h1>", "<caption>Indicateurs par service",
                "Niveau de service (décroché en <span>60" + NBSP + "s</span>)");
        String service = row(html, "data-service", "caf-prestations");
        assertThat(service).contains("Prestations familiales",
                "90,0" + NBSP + "% (18 sur 20)",          // pickup
                "87,5" + NBSP + "% (21 sur 24)",          // global: (18 + 3 self-service) of 24 in hours
                "0,0" + NBSP + "% (0 sur 24)",            // IVR abandons
                "10,0" + NBSP + "% (2 sur 20)",           // queue abandons
                "12,0" + NBSP + "s (18 appels, 3" + NBSP + "min 36" + NBSP + "s au total)",
                "4,2" + NBSP + "% (1 sur 24)",            // saturation
                "4,0" + NBSP + "% (1 sur 25)");           // closed hours of all received
        assertThat(row(html, "data-service", "ensemble")).contains("Ensemble de l’administration", "90,0" + NBSP + "% (18 sur 20)");

        assertThat(html).contains("<bar-chart id=\"graphique-mensuel\"", "<table id=\"donnees-graphique\">",
                "<caption>Données du graphique", "src=\"/dsfr-chart/DSFRChart.js\"");
        String month = ResultsPeriods.monthLabel(Period.MONTH.startOf(FACTS.currentQuarter, HandBuiltFacts.ZONE), HandBuiltFacts.ZONE);
        String previousMonth = ResultsPeriods.monthLabel(FACTS.previousQuarter, HandBuiltFacts.ZONE);
        assertThat(html).containsPattern(Pattern.compile("<th scope=\"row\">" + month + "</th>\\s*<td><span class=\"accueil-figure\">90,0" + NBSP + "% \\(18 sur 20\\)"));
        assertThat(html).containsPattern(Pattern.compile("<th scope=\"row\">" + previousMonth + "</th>\\s*<td><span class=\"accueil-figure\">80,0" + NBSP + "% \\(8 sur 10\\)"));
        assertThat(Pattern.compile("<tr>\\s*<th scope=\"row\">[^<]+ \\d{4}</th>").matcher(html).results().count())
                .as("twelve months in the chart's table").isEqualTo(12);
        assertThat(html).contains("90.0", "80.0", "null").as("months without presented calls are gaps, not 0 %");
        assertEveryRateHasItsCounts(html);
    }

    @Test
    void a_service_without_presented_calls_shows_non_disponible_never_zero_percent() throws Exception {
        String html = get("/resultats/prefecture-exemple").body();
        String essai = row(html, "data-service", "essai");
        assertThat(essai).contains("non disponible (0 sur 0)", "100,0" + NBSP + "% (2 sur 2)", "non disponible (0 appel, 0,0" + NBSP + "s au total)");
        String reunion = row(html, "data-service", "accueil-reunion");
        assertThat(reunion).as("a directory service without any call").doesNotContain("%").contains("non disponible (0 sur 0)");
        assertEveryRateHasItsCounts(html);
    }

    @Test
    void the_methodology_is_generated_from_the_active_rule_set() throws Exception {
        HttpResponse<String> reply = get("/resultats/methodologie");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("<h1>Méthodologie</h1>", "version <strong>test-7</strong>",
                "<th scope=\"row\">Délai cible (niveau de service)</th>", "<td>60" + NBSP + "s</td>",
                "Aucun abandon en file d’attente n’est exclu", "Taux de décroché par un agent (indicateur officiel)",
                "Appels présentés à un agent et décrochés par un agent, plus les appels dont le rappel a joint l’usager",
                "<th scope=\"col\">Numérateur</th>", "<th scope=\"col\">Dénominateur</th>", "Satisfaction nette",
                "href=\"/opendata/indicators.schema.json\"");
    }

    @Test
    void unknown_or_malformed_administrations_are_a_french_404_page() throws Exception {
        HttpResponse<String> unknown = get("/resultats/nulle-part");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(unknown.body()).contains("Page introuvable", "lang=\"fr\"", "href=\"/resultats\"");
        assertThat(get("/resultats/NOT_A_SLUG").statusCode()).isEqualTo(404);
    }

    @Test
    void the_dsfr_assets_fetched_by_the_build_are_served() throws Exception {
        HttpResponse<String> css = get("/dsfr/dsfr.min.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains("DSFR v1.15.3");
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("max-age=3600, public");
        assertThat(get("/resultats").headers().firstValue("Cache-Control")).as("pages are not kept by browsers").isEmpty();
        assertThat(get("/dsfr/dsfr.module.min.js").statusCode()).isEqualTo(200);
        assertThat(get("/dsfr/fonts/Marianne-Regular.woff2").statusCode()).isEqualTo(200);
        assertThat(get("/dsfr-chart/DSFRChart.js").statusCode()).isEqualTo(200);
        assertThat(get("/dsfr/utility/icons/icons-system/icons-system.min.css").statusCode()).isEqualTo(200);
    }
}
