package fr.accueil.core.directory;

import java.time.DayOfWeek;
import java.util.Objects;

/** A recurring opening slot, e.g. Monday 08:30-12:00. */
public record WeeklySlot(DayOfWeek day, TimeRange range) {
    public WeeklySlot {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(range, "range");
    }
}
