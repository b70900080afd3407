package fr.accueil.core.indicators;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Quarter-hour roll-ups kept up to date as contacts end, under one rule set. Because {@link Tallies}
 * only add, adding contacts one by one in any order, merging accumulators, and recomputing from all
 * contacts give the same roll-ups; a report then merges roll-ups into its periods and groups
 * without reading a single contact.
 *
 * <p>Not thread-safe: one owner thread, or external locking.
 */
public final class RollupAccumulator {
    private final RuleSet rules;
    private final Map<RollupKey, Tallies> buckets = new HashMap<>();

    public RollupAccumulator(RuleSet rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public RuleSet rules() {
        return rules;
    }

    public void add(ContactFacts facts) {
        buckets.merge(RollupKey.of(facts), Tallies.of(facts, rules), Tallies::plus);
    }

    /** Adds a stored roll-up (e.g. loaded from the database); it must have been computed under these rules. */
    public void add(Rollup rollup) {
        requireSameRules(rollup.ruleSetVersion());
        buckets.merge(rollup.key(), rollup.tallies(), Tallies::plus);
    }

    /** Adds every roll-up of {@code other} into this one; {@code other} is left unchanged. */
    public void merge(RollupAccumulator other) {
        requireSameRules(other.rules.version());
        other.buckets.forEach((key, t) -> buckets.merge(key, t, Tallies::plus));
    }

    /** The roll-ups, ordered by bucket then administration, service, number, channel. */
    public List<Rollup> rollups() {
        return buckets.entrySet().stream()
                .map(e -> new Rollup(e.getKey(), rules.version(), e.getValue()))
                .sorted(Comparator.comparing((Rollup r) -> r.key().bucketStart())
                        .thenComparing(r -> r.key().administration())
                        .thenComparing(r -> r.key().service())
                        .thenComparing(r -> r.key().number())
                        .thenComparing(r -> r.key().channel()))
                .toList();
    }

    /** The same rows {@link IndicatorCalculator#compute} gives on the contacts rolled up here. */
    public Map<Slice, Indicators> compute(Query query) {
        Map<Slice, Tallies> merged = new HashMap<>();
        buckets.forEach((key, t) -> {
            if (query.covers(key.bucketStart())) {
                Slice slice = new Slice(query.period().startOf(key.bucketStart(), query.zone()),
                        GroupKey.of(query.grouping(), key.administration(), key.service(), key.number(),
                                key.channel()));
                merged.merge(slice, t, Tallies::plus);
            }
        });
        return IndicatorCalculator.derive(merged, rules);
    }

    private void requireSameRules(String version) {
        if (!rules.version().equals(version)) {
            throw new IllegalArgumentException("roll-ups of rule set " + version + " cannot merge into rule set "
                    + rules.version() + "; recompute them from the contacts");
        }
    }
}
