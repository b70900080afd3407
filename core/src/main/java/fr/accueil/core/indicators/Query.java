package fr.accueil.core.indicators;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to compute: contacts received in [{@code from}, {@code to}), broken down by the grouped
 * dimensions and by period start in {@code zone}. Bounds must fall on quarter hours so that roll-ups
 * answer exactly what the raw contacts would.
 */
public record Query(Set<Dimension> grouping, Period period, ZoneId zone, Instant from, Instant to) {
    public Query {
        grouping = grouping.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(grouping));
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!Period.isQuarterHour(from) || !Period.isQuarterHour(to)) {
            throw new IllegalArgumentException("bounds must fall on quarter hours: " + from + ", " + to);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }

    /** Everything ever received, by the given dimensions, in one period. */
    public static Query overall(Set<Dimension> grouping) {
        return new Query(grouping, Period.ALL, ZoneId.of("UTC"), Instant.EPOCH, Period.quarterHourOf(Instant.MAX
                .minusSeconds(Period.QUARTER_HOUR_SECONDS)));
    }

    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
