package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.indicators.Measure;
import fr.accueil.core.indicators.Ratio;
import fr.accueil.core.indicators.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** How rates, averages, trends, periods and the method are worded on the pages. */
class FiguresTest {
    private static final String NBSP = "\u00a0";

    @Test
    void a_rate_is_printed_with_its_counts_and_a_zero_denominator_is_non_disponible() {
        assertThat(new RateView(new Ratio(35, 40, "v")).text()).isEqualTo("87,5" + NBSP + "% (35 sur 40)");
        assertThat(new RateView(new Ratio(2, 3, "v")).text()).isEqualTo("66,7" + NBSP + "% (2 sur 3)");
        assertThat(new RateView(new Ratio(0, 12, "v")).text()).isEqualTo("0,0" + NBSP + "% (0 sur 12)");
        assertThat(new RateView(new Ratio(0, 0, "v")).text()).isEqualTo("non disponible (0 sur 0)");
        assertThat(new RateView(new Ratio(0, 0, "v")).chartValue()).isEqualTo("null");
        assertThat(new RateView(new Ratio(1, 3, "v")).chartValue()).isEqualTo("33.3");
        assertThat(new RateView(new Ratio(12_345, 20_000, "v")).counts()).isEqualTo("12\u202f345 sur 20\u202f000");
    }

    @Test
    void the_target_is_reached_at_85_percent_exactly_and_never_without_a_denominator() {
        assertThat(PickupTarget.reachedBy(new Ratio(85, 100, "v"))).isTrue();
        assertThat(PickupTarget.reachedBy(new Ratio(84, 100, "v"))).isFalse();
        assertThat(PickupTarget.reachedBy(new Ratio(849_999, 1_000_000, "v"))).isFalse();
        assertThat(PickupTarget.reachedBy(new Ratio(17, 20, "v"))).isTrue();
        assertThat(PickupTarget.reachedBy(new Ratio(0, 0, "v"))).isFalse();
    }

    @Test
    void an_average_is_printed_with_its_count_and_total() {
        assertThat(new MeasureView(new Measure(18, 216_000, "v")).text()).isEqualTo("12,0" + NBSP + "s (18 appels, 3" + NBSP + "min 36" + NBSP + "s au total)");
        assertThat(new MeasureView(new Measure(1, 245_000, "v")).text()).isEqualTo("4" + NBSP + "min 05" + NBSP + "s (1 appel, 4" + NBSP + "min 05" + NBSP + "s au total)");
        assertThat(new MeasureView(new Measure(2, 2 * 3_600_000 + 1_200_000, "v")).average()).isEqualTo("1" + NBSP + "h 10" + NBSP + "min");
        assertThat(new MeasureView(new Measure(0, 0, "v")).text()).isEqualTo("non disponible (0 appel, 0,0" + NBSP + "s au total)");
    }

    @Test
    void the_trend_compares_the_shares_exactly_and_is_unknown_without_both() {
        assertThat(Trend.between(new Ratio(8, 10, "v"), new Ratio(18, 20, "v"))).isEqualTo(Trend.UP);
        assertThat(Trend.between(new Ratio(9, 10, "v"), new Ratio(18, 20, "v"))).isEqualTo(Trend.STEADY);
        assertThat(Trend.between(new Ratio(1, 3, "v"), new Ratio(333, 1000, "v"))).isEqualTo(Trend.DOWN);
        assertThat(Trend.between(new Ratio(0, 0, "v"), new Ratio(18, 20, "v"))).isEqualTo(Trend.UNKNOWN);
        assertThat(Trend.between(new Ratio(8, 10, "v"), new Ratio(0, 0, "v"))).isEqualTo(Trend.UNKNOWN);
        assertThat(Trend.UP.words()).isEqualTo("en hausse");
    }

    @Test
    void quarters_and_months_are_named_in_french_in_the_publication_zone() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // 1 January 00:30 in Paris is still 31 December in UTC.
        ResultsPeriods newYear = new ResultsPeriods(Instant.parse("2026-12-31T23:30:00Z"), paris);
        assertThat(newYear.currentQuarterStart()).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(ResultsPeriods.quarterLabel(newYear.currentQuarterStart(), paris)).isEqualTo("1er trimestre 2027");
        assertThat(ResultsPeriods.quarterLabel(newYear.previousQuarterStart(), paris)).isEqualTo("4e trimestre 2026");
        assertThat(newYear.twelveMonthsStart()).isEqualTo(Instant.parse("2026-01-31T23:00:00Z"));
        assertThat(ResultsPeriods.monthLabel(newYear.twelveMonthsStart(), paris)).isEqualTo("février 2026");
        assertThat(newYear.endOfCurrentQuarterHour()).isEqualTo(Instant.parse("2026-12-31T23:45:00Z"));
    }

    @Test
    void the_methodology_follows_the_rule_set() {
        Methodology defaults = Methodology.of(RuleSet.defaults("2026-1"));
        assertThat(defaults.version()).isEqualTo("2026-1");
        assertThat(defaults.parameters()).extracting(Methodology.Parameter::value)
                .containsExactly("2026-1", "0" + NBSP + "s", "60" + NBSP + "s", "oui", "1 à 5");
        assertThat(defaults.definitions().getFirst().numerator()).contains("plus les appels dont le rappel a joint l’usager");

        RuleSet strict = RuleSet.defaults("2027-2").withShortAbandonThreshold(Duration.ofSeconds(5))
                .withServiceLevelTarget(Duration.ofMillis(30_500)).withCountCallbacks(false);
        Methodology m = Methodology.of(strict);
        assertThat(m.parameters()).extracting(Methodology.Parameter::value)
                .containsExactly("2027-2", "5" + NBSP + "s", "30,5" + NBSP + "s", "non", "1 à 5");
        assertThat(m.parameters().get(1).meaning()).contains("strictement plus court que 5" + NBSP + "s");
        assertThat(m.definitions().getFirst().numerator()).doesNotContain("rappel");
        assertThat(m.definitions().getFirst().denominator()).contains("hors abandons de moins de 5" + NBSP + "s");
        assertThat(m.definitions()).extracting(Methodology.Definition::name)
                .contains("Niveau de service (décroché en 30,5" + NBSP + "s)");
    }
}
