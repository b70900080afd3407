package fr.accueil.core.indicators;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the indicators straight from contact facts, by the rules of one {@link RuleSet}. Reports
 * read roll-ups instead ({@link RollupAccumulator}); this is the reference they are tested against and
 * what the {@code recompute} command uses. Stateless and thread-safe.
 */
public final class IndicatorCalculator {
    private final RuleSet rules;

    public IndicatorCalculator(RuleSet rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public RuleSet rules() {
        return rules;
    }

    /** One row per (period, group) that received at least one contact in the query's range. */
    public Map<Slice, Indicators> compute(Iterable<ContactFacts> facts, Query query) {
        Map<Slice, Tallies> tallies = new HashMap<>();
        for (ContactFacts f : facts) {
            if (query.covers(f.receivedAt())) {
                Slice slice = new Slice(query.period().startOf(f.receivedAt(), query.zone()),
                        GroupKey.of(query.grouping(), f));
                tallies.merge(slice, Tallies.of(f, rules), Tallies::plus);
            }
        }
        return derive(tallies, rules);
    }

    /** All the facts together, in one row. */
    public Indicators total(Iterable<ContactFacts> facts) {
        Tallies sum = Tallies.ZERO;
        for (ContactFacts f : facts) {
            sum = sum.plus(Tallies.of(f, rules));
        }
        return Indicators.from(sum, rules);
    }

    static Map<Slice, Indicators> derive(Map<Slice, Tallies> tallies, RuleSet rules) {
        Map<Slice, Indicators> out = new LinkedHashMap<>();
        tallies.forEach((slice, t) -> out.put(slice, Indicators.from(t, rules)));
        return out;
    }
}
