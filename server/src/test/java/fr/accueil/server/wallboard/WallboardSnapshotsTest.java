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
import java.util.Optional;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.QueueId;
import fr.accueil.telephony.acd.AgentStatus;
import fr.accueil.telephony.acd.QueueStatus;
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

    private LiveQueues live = LiveQueues.NONE;

    private WallboardSnapshots snapshots() {
        // No SipEndpoint bean: telephony disabled.
        return new WallboardSnapshots(queries, new DefaultListableBeanFactory().getBeanProvider(SipEndpoint.class), live,
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
        assertThat(s.queues()).isEmpty();
        assertThat(s.agents()).isEmpty();
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

    @Test
    void queues_and_agents_are_worded_in_french_with_their_waits_and_since() {
        live = new LiveQueues() {
            @Override
            public List<QueueStatus> queues(Instant now) {
                return List.of(
                        new QueueStatus(new QueueId("etat-civil"), "etat-civil", 3, Optional.of(Duration.ofSeconds(125)),
                                Optional.of(Duration.ofSeconds(42)), Map.of("AVAILABLE", 1, "PAUSED(Réunion)", 1, "PAUSED(Pause)", 1, "WRAP_UP", 1)),
                        new QueueStatus(new QueueId("urbanisme"), "urbanisme", 0, Optional.empty(), Optional.empty(), Map.of()));
            }

            @Override
            public List<AgentStatus> agents(Instant now) {
                return List.of(
                        new AgentStatus(new AgentId("a1"), "Camille Martin", "PAUSED(Réunion)",
                                Optional.of(Instant.parse("2026-11-27T09:42:00Z")), Optional.of("Réunion"), 1),
                        new AgentStatus(new AgentId("a2"), "Louis Bernard", "ON_CONTACT", Optional.empty(), Optional.empty(), 1),
                        new AgentStatus(new AgentId("a3"), "Inès Petit", "RINGING", Optional.empty(), Optional.empty(), 1),
                        new AgentStatus(new AgentId("a4"), "Jules Roux", "LOGGED_OUT", Optional.empty(), Optional.empty(), 0));
            }
        };
        WallboardSnapshot s = snapshots().now();

        assertThat(s.queues()).hasSize(2);
        WallboardSnapshot.QueueLine etatCivil = s.queues().getFirst();
        assertThat(etatCivil.waiting()).isEqualTo(3);
        assertThat(etatCivil.longestWait()).isEqualTo("2\u00a0min 05\u00a0s");
        assertThat(etatCivil.estimatedWait()).isEqualTo("42\u00a0s");
        assertThat(etatCivil.agents()).extracting(WallboardSnapshot.Line::label).containsExactly(
                "Déconnecté", "Disponible", "En pause", "Sonnerie", "En communication", "Post-appel");
        assertThat(etatCivil.agents()).extracting(WallboardSnapshot.Line::count).containsExactly(0L, 1L, 2L, 0L, 0L, 1L);
        assertThat(etatCivil.agentsText()).isEqualTo("Disponible\u00a0: 1, En pause\u00a0: 2, Post-appel\u00a0: 1");
        WallboardSnapshot.QueueLine urbanisme = s.queues().get(1);
        assertThat(urbanisme.longestWait()).isEqualTo("0\u00a0s");
        assertThat(urbanisme.estimatedWait()).isEqualTo("non disponible");
        assertThat(urbanisme.agentsText()).isEqualTo("aucun agent");

        assertThat(s.agents()).containsExactly(
                new WallboardSnapshot.AgentLine("Camille Martin", "En pause (Réunion)", "10:42"),
                new WallboardSnapshot.AgentLine("Louis Bernard", "En communication", "—"),
                new WallboardSnapshot.AgentLine("Inès Petit", "Sonnerie", "—"),
                new WallboardSnapshot.AgentLine("Jules Roux", "Déconnecté", "—"));
    }
}
