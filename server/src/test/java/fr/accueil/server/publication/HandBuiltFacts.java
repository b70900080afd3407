package fr.accueil.server.publication;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.IndicatorCalculator;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.server.indicators.IndicatorQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Indicator queries over a fixed, hand-built set of contacts relative to "now" (so that the current
 * and previous quarters hold known figures), with rule-set version {@code test-7}. Stands for the
 * roll-up backend in the page tests; being an {@link IndicatorQueries} bean, it also shows the
 * fallback stepping aside.
 *
 * <ul>
 *   <li>caf-demoville / caf-prestations, current quarter: 18 answered after 12 s, 2 queue abandons,
 *       3 self-service, 1 closed hours, 1 saturation refusal → 90,0 % (18 sur 20); previous quarter
 *       8 answered of 10 → 80,0 %, trend up</li>
 *   <li>mairie-exempleville / etat-civil, current quarter: 7 answered of 10 → 70,0 %; no previous</li>
 *   <li>prefecture-exemple / essai: 2 self-service only → pickup rate non disponible (0 sur 0)</li>
 *   <li>mairie-importee (not in the directory, as from an import) / accueil: 1 answered of 1</li>
 * </ul>
 */
final class HandBuiltFacts implements IndicatorQueries {
    static final String VERSION = "test-7";
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private final IndicatorCalculator calculator = new IndicatorCalculator(RuleSet.defaults(VERSION));
    private final List<ContactFacts> facts;
    final Instant currentQuarter;
    final Instant previousQuarter;

    HandBuiltFacts(Instant now) {
        currentQuarter = Period.QUARTER.startOf(now, ZONE);
        previousQuarter = Period.QUARTER.startOf(currentQuarter.minusSeconds(1), ZONE);
        List<ContactFacts> all = new ArrayList<>();
        Instant q = currentQuarter;
        for (int i = 0; i < 18; i++) {
            all.add(contact("caf-demoville", "caf-prestations", q).answeredAfter(Duration.ofSeconds(12)).build());
        }
        for (int i = 0; i < 2; i++) {
            all.add(contact("caf-demoville", "caf-prestations", q).abandonedInQueue(Duration.ofSeconds(90)).build());
        }
        for (int i = 0; i < 3; i++) {
            all.add(contact("caf-demoville", "caf-prestations", q).selfServiceCompleted().build());
        }
        all.add(contact("caf-demoville", "caf-prestations", q).outsideOpeningHours().build());
        all.add(contact("caf-demoville", "caf-prestations", q).refusedAtCapacity().build());
        for (int i = 0; i < 10; i++) {
            var b = contact("caf-demoville", "caf-prestations", previousQuarter);
            all.add((i < 8 ? b.answeredAfter(Duration.ofSeconds(30)) : b.abandonedInQueue(Duration.ofSeconds(40))).build());
        }
        for (int i = 0; i < 10; i++) {
            var b = contact("mairie-exempleville", "etat-civil", q);
            all.add((i < 7 ? b.answeredAfter(Duration.ofSeconds(75)) : b.abandonedInQueue(Duration.ofSeconds(200))).build());
        }
        for (int i = 0; i < 2; i++) {
            all.add(contact("prefecture-exemple", "essai", q).selfServiceCompleted().build());
        }
        all.add(contact("mairie-importee", "accueil", q).answeredAfter(Duration.ofSeconds(5)).build());
        facts = List.copyOf(all);
    }

    private int next;

    private ContactFacts.Builder contact(String administration, String service, Instant at) {
        return ContactFacts.builder("test:" + next++, administration, service, "+33199000100", Channel.PHONE, at);
    }

    @Override
    public RuleSet rules() {
        return calculator.rules();
    }

    @Override
    public Map<Slice, Indicators> compute(Query query) {
        return calculator.compute(facts, query);
    }
}
