package fr.accueil.server.indicators;

import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.core.indicators.Tallies;
import fr.accueil.server.indicators.internal.RollupStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers indicator queries from the quarter-hour roll-ups of the active rule set, never from raw
 * contacts: the database sums the buckets per group and local day, Java folds days into the query's
 * periods and divides. Rows come out ordered by period start, then group. Thread-safe.
 */
public final class RollupIndicatorQueries implements IndicatorQueries {
    private static final Comparator<Slice> ORDER = Comparator.comparing(Slice::periodStart)
            .thenComparing(s -> s.group().administration())
            .thenComparing(s -> s.group().service())
            .thenComparing(s -> s.group().number())
            .thenComparing(s -> s.group().channel());

    private final RollupStore store;
    private final RuleSet rules;

    public RollupIndicatorQueries(RollupStore store, RuleSet rules) {
        this.store = store;
        this.rules = rules;
    }

    @Override
    public RuleSet rules() {
        return rules;
    }

    @Override
    public Map<Slice, Indicators> compute(Query query) {
        return compute(query, IndicatorFilter.NONE);
    }

    @Override
    public Map<Slice, Indicators> compute(Query query, IndicatorFilter filter) {
        Map<Slice, Tallies> sums = store.sum(rules.version(), query, filter);
        Map<Slice, Indicators> out = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.comparingByKey(ORDER))
                .forEach(e -> out.put(e.getKey(), Indicators.from(e.getValue(), rules)));
        return out;
    }
}
