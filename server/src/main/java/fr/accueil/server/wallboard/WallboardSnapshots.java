package fr.accueil.server.wallboard;

import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.Tallies;
import fr.accueil.server.indicators.IndicatorQueries;
import fr.accueil.server.publication.PickupTarget;
import fr.accueil.server.publication.RateView;
import fr.accueil.telephony.sip.SipEndpoint;
import fr.accueil.server.queues.AgentStateNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Computes the wallboard's figures from {@link IndicatorQueries} (today and the last hour), the SIP
 * endpoint's call count when telephony runs, and the live queues and agents. Stateless and thread-safe.
 */
public final class WallboardSnapshots {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("HH:mm");

    private final IndicatorQueries queries;
    private final ObjectProvider<SipEndpoint> sip;
    private final LiveQueues live;
    private final Clock clock;
    private final ZoneId zone;

    public WallboardSnapshots(IndicatorQueries queries, ObjectProvider<SipEndpoint> sip, LiveQueues live, Clock clock, ZoneId zone) {
        this.queries = queries;
        this.sip = sip;
        this.live = live;
        this.clock = clock;
        this.zone = zone;
    }

    public WallboardSnapshot now() {
        Instant now = clock.instant();
        Instant quarterHour = Period.quarterHourOf(now);
        Instant end = quarterHour.plusSeconds(Period.QUARTER_HOUR_SECONDS);
        Indicators today = total(new Query(Set.of(), Period.ALL, zone, Period.DAY.startOf(now, zone), end));
        // "The last hour" on quarter-hour bounds (roll-ups are quarter hours): this one and the three before.
        Indicators lastHour = total(new Query(Set.of(), Period.ALL, zone,
                quarterHour.minusSeconds(3 * Period.QUARTER_HOUR_SECONDS), end));
        RateView rate = new RateView(today.pickupRate());
        RateView hour = new RateView(lastHour.pickupRate());
        boolean alert = hour.available() && !PickupTarget.reachedBy(lastHour.pickupRate());
        String alertText = alert ? "Le taux de décroché de la dernière heure, " + hour.text()
                + ", est sous l’objectif de " + PickupTarget.PERCENT + "\u00a0%." : "";
        Tallies t = today.tallies();
        List<WallboardSnapshot.Line> contacts = List.of(
                new WallboardSnapshot.Line("Appels reçus", t.received()),
                new WallboardSnapshot.Line("Hors horaires d’ouverture", t.closedHours()),
                new WallboardSnapshot.Line("Traités par le serveur vocal", t.selfServiceCompleted()),
                new WallboardSnapshot.Line("Présentés à un agent", t.presented()),
                new WallboardSnapshot.Line("Décrochés par un agent", t.handled()),
                new WallboardSnapshot.Line("Abandons dans le serveur vocal", t.ivrAbandons()),
                new WallboardSnapshot.Line("Abandons en file d’attente", t.queueAbandons()),
                new WallboardSnapshot.Line("Refus pour saturation", t.refusedAtCapacity()),
                new WallboardSnapshot.Line("Transferts", t.transferred()));
        SipEndpoint endpoint = sip.getIfAvailable();
        String active = endpoint == null ? RateView.NOT_AVAILABLE : Integer.toString(endpoint.activeCalls());
        return new WallboardSnapshot(TIME.format(now.atZone(zone)), rate.text(), rate.reachesTarget(), rate.available(),
                new RateView(today.globalRate()).text(), hour.text(), alert, alertText, contacts, active, queues(now), agents(now));
    }

    private List<WallboardSnapshot.QueueLine> queues(Instant now) {
        return live.queues(now).stream().map(q -> {
            Map<String, Integer> counts = AgentStateNames.countsByState(q.agentsByState());
            List<WallboardSnapshot.Line> agents = AgentStateNames.STATES.stream()
                    .map(state -> new WallboardSnapshot.Line(AgentStateNames.french(state, null), counts.get(state))).toList();
            return new WallboardSnapshot.QueueLine(q.queue().value(), q.service(), q.waiting(),
                    waitText(q.longestWait().orElse(Duration.ZERO)),
                    q.estimatedWait().map(WallboardSnapshots::waitText).orElse(RateView.NOT_AVAILABLE), agents, agentsText(agents));
        }).toList();
    }

    private List<WallboardSnapshot.AgentLine> agents(Instant now) {
        return live.agents(now).stream().map(a -> new WallboardSnapshot.AgentLine(a.name(),
                AgentStateNames.french(a.state(), a.pauseReason().orElse(null)),
                a.since().map(at -> SINCE.format(at.atZone(zone))).orElse("—"))).toList();
    }

    private static String agentsText(List<WallboardSnapshot.Line> agents) {
        String text = agents.stream().filter(l -> l.count() > 0).map(l -> l.label() + "\u00a0: " + l.count())
                .collect(java.util.stream.Collectors.joining(", "));
        return text.isEmpty() ? "aucun agent" : text;
    }

    /** Whole seconds, « 45 s » or « 2 min 05 s »: a live wait does not need tenths. */
    static String waitText(Duration wait) {
        long seconds = Math.max(0, wait.toSeconds());
        return seconds < 60 ? seconds + "\u00a0s" : String.format("%d\u00a0min %02d\u00a0s", seconds / 60, seconds % 60);
    }

    private Indicators total(Query query) {
        return queries.compute(query).values().stream().findFirst()
                .orElseGet(() -> Indicators.from(Tallies.ZERO, queries.rules()));
    }
}
