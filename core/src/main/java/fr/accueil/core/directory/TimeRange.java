package fr.accueil.core.directory;

import java.time.LocalTime;
import java.util.Objects;

/** A half-open range of local time [from, to) within one day. */
public record TimeRange(LocalTime from, LocalTime to) {
    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("time range must end after it starts: " + from + " - " + to);
        }
    }

    public boolean contains(LocalTime t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    public boolean overlaps(TimeRange other) {
        return from.isBefore(other.to) && other.from.isBefore(to);
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
