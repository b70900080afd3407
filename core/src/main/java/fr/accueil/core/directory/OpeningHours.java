package fr.accueil.core.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a service answers, in its own time zone. An exceptional opening on a date replaces that
 * day's schedule (even a holiday's); an exceptional closure or a public holiday empties it.
 */
public record OpeningHours(ZoneId zone, List<WeeklySlot> weekly, Set<LocalDate> closures,
                           Map<LocalDate, List<TimeRange>> openings, HolidayRegime holidays) {

    /** Far enough to find next year's opening from a service closed for a long period. */
    private static final int SEARCH_DAYS = 400;

    public OpeningHours {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(holidays, "holidays");
        weekly = List.copyOf(weekly);
        closures = Set.copyOf(closures);
        openings = Map.copyOf(openings);
    }

    public static OpeningHours always(ZoneId zone) {
        var allDay = new TimeRange(java.time.LocalTime.MIN, java.time.LocalTime.MAX);
        return new OpeningHours(zone, java.util.Arrays.stream(DayOfWeek.values()).map(d -> new WeeklySlot(d, allDay)).toList(),
                Set.of(), Map.of(), HolidayRegime.NONE);
    }

    /** The ranges during which the service is open on a local date, sorted. */
    public List<TimeRange> rangesOn(LocalDate date) {
        List<TimeRange> exceptional = openings.get(date);
        if (exceptional != null) {
            return exceptional.stream().sorted(Comparator.comparing(TimeRange::from)).toList();
        }
        if (closures.contains(date) || FrenchHolidays.isHoliday(date, holidays)) {
            return List.of();
        }
        return weekly.stream().filter(s -> s.day() == date.getDayOfWeek()).map(WeeklySlot::range)
                .sorted(Comparator.comparing(TimeRange::from)).toList();
    }

    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return rangesOn(local.toLocalDate()).stream().anyMatch(r -> r.contains(local.toLocalTime()));
    }

    /** The start of the next opening strictly after {@code instant}, or empty if none within a year. */
    public Optional<ZonedDateTime> nextOpening(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalDate date = local.toLocalDate();
        for (int day = 0; day < SEARCH_DAYS; day++, date = date.plusDays(1)) {
            for (TimeRange range : rangesOn(date)) {
                ZonedDateTime start = date.atTime(range.from()).atZone(zone);
                if (start.toInstant().isAfter(instant)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }
}
