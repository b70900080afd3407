package fr.accueil.core.indicators;

import java.util.Objects;

/** The tallies of one roll-up key under one rule-set version; what the server stores per row. */
public record Rollup(RollupKey key, String ruleSetVersion, Tallies tallies) {
    public Rollup {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(tallies, "tallies");
    }
}
