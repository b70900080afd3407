package fr.accueil.core.indicators;

import java.time.Instant;
import java.util.Objects;

/** One result row's coordinates: the start of its period and its group. */
public record Slice(Instant periodStart, GroupKey group) {
    public Slice {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(group, "group");
    }
}
