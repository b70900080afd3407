package fr.accueil.core.indicators;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The granularities indicators are published by. Calendar periods start at local midnight in the
 * publication's zone (weeks on Monday, ISO 8601). Every zone France uses (and every zone in tzdb) has
 * an offset that is a multiple of 15 minutes, so a 15-minute bucket always lies inside one local day,
 * which is what lets quarter-hour roll-ups add up exactly into days and longer periods.
 */
public enum Period {
    QUARTER_HOUR, DAY, WEEK, MONTH, QUARTER, YEAR,
    /** The whole range asked for, in one row (starting at the epoch). */
    ALL;

    public static final long QUARTER_HOUR_SECONDS = 15 * 60;

    /** The start of the period that contains {@code at}. */
    public Instant startOf(Instant at, ZoneId zone) {
        if (this == QUARTER_HOUR) {
            return quarterHourOf(at);
        }
        if (this == ALL) {
            return Instant.EPOCH;
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate first = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1).withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
            case QUARTER_HOUR, ALL -> throw new AssertionError(this);
        };
        return first.atStartOfDay(zone).toInstant();
    }

    /** The 15-minute roll-up bucket of an instant (UTC-aligned, hence local-aligned too). */
    public static Instant quarterHourOf(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), QUARTER_HOUR_SECONDS) * QUARTER_HOUR_SECONDS);
    }

    public static boolean isQuarterHour(Instant at) {
        return at.getNano() == 0 && Math.floorMod(at.getEpochSecond(), QUARTER_HOUR_SECONDS) == 0;
    }
}
