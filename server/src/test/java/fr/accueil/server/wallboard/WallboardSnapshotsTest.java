package fr.accueil.server.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.IndicatorCalculator;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.server.indicators.IndicatorQueries;
import fr.accueil.telephony.sip.SipEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** The wallboard's figures and alert, without Spring, on a fixed clock. */
class WallboardSnapshotsTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-11-27T10:07:30Z"); // 11:07:30 in Paris
    private final List<ContactFacts> facts = new ArrayList<>();
    private int next;

    private final IndicatorQueries queries = new IndicatorQueries() {
        private final IndicatorCalculator calculator = new IndicatorCalculator(RuleSet.defaults("2026-1"));

        @Override
        public RuleSet rules() {
            return calculator.rules();
        }

        @Override
        public Map<Slice, Indicators> compute(Query query) {
            return calculator.compute(facts, query);
        }
    };

    private WallboardSnapshots snapshots() {
        // No SipEndpoint bean: telephony disabled.
        return new WallboardSnapshots(queries, new DefaultListableBeanFactory().getBeanProvider(SipEndpoint.class),
                Clock.fixed(NOW, ZoneOffset.UTC), PARIS);
    }

    private void calls(Instant at, int answered, int abandoned) {
        for (int i = 0; i < answered; i++) {
            facts.add(ContactFacts.builder("t:" + next++, "caf", "prestations", "3999", Channel.PHONE, at)
                    .answeredAfter(Duration.ofSeconds(20)).build());
        }
        for (int i = 0; i < abandoned; i++) {
            facts.add(ContactFacts.builder("t:" + next++, "caf", "prestations", "3999", Channel.PHONE, at)
                    .abandonedInQueue(Duration.ofSeconds(120)).build());
        }
    }

    @Test
    void the_last_hours_rate_under_85_percent_raises_the_alert_with_its_counts() {
        calls(Instant.parse("2026-11-27T07:00:00Z"), 20, 0);          // this morning: all answered
        calls(Instant.parse("2026-11-27T09:30:00Z"), 6, 4);           // the last hour (09:15–10:15 UTC): 60 %
        calls(Instant.parse("2026-11-26T10:00:00Z"), 0, 50);          // yesterday: not today
        WallboardSnapshot s = snapshots().now();
        assertThat(s.todayRate()).isEqualTo("86,7\u00a0% (26 sur 30)");
        assertThat(s.todayReached()).isTrue();
        assertThat(s.lastHourRate()).isEqualTo("60,0\u00a0% (6 sur 10)");
        assertThat(s.alert()).isTrue();
        assertThat(s.alertText()).isEqualTo("Le taux de décroché de la dernière heure, 60,0\u00a0% (6 sur 10), est sous l’objectif de 85\u00a0%.");
        assertThat(s.time()).isEqualTo("11:07:30");
        assertThat(s.contacts()).contains(new WallboardSnapshot.Line("Appels reçus", 30),
                new WallboardSnapshot.Line("Décrochés par un agent", 26), new WallboardSnapshot.Line("Abandons en file d’attente", 4));
        assertThat(s.activeCalls()).isEqualTo("non disponible");
        assertThat(s.queues()).isEqualTo("files d’attente : non disponibles dans cette version");
    }

    @Test
    void a_quarter_hour_older_than_the_last_hour_does_not_raise_the_alert() {
        calls(Instant.parse("2026-11-27T09:14:59Z"), 0, 10);          // just before the last hour
        calls(Instant.parse("2026-11-27T10:00:00Z"), 17, 3);          // 85 % exactly: reached
        WallboardSnapshot s = snapshots().now();
        assertThat(s.lastHourRate()).isEqualTo("85,0\u00a0% (17 sur 20)");
        assertThat(s.alert()).isFalse();
        assertThat(s.alertText()).isEmpty();
        assertThat(s.todayReached()).isFalse();
        assertThat(s.todayRate()).isEqualTo("56,7\u00a0% (17 sur 30)");
    }

    @Test
    void without_presented_calls_the_rates_are_non_disponible_and_no_alert_is_raised() {
        facts.add(ContactFacts.builder("t:self", "caf", "prestations", "3999", Channel.PHONE, NOW.minusSeconds(60))
                .selfServiceCompleted().build());
        WallboardSnapshot s = snapshots().now();
        assertThat(s.todayRate()).isEqualTo("non disponible (0 sur 0)");
        assertThat(s.todayAvailable()).isFalse();
        assertThat(s.lastHourRate()).isEqualTo("non disponible (0 sur 0)");
        assertThat(s.alert()).isFalse();
        assertThat(s.todayGlobal()).isEqualTo("100,0\u00a0% (1 sur 1)");
    }
}
