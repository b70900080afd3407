package fr.accueil.server.publication;

import fr.accueil.core.indicators.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The calendar ranges the results pages show, in the publication's zone. Query bounds must be
 * quarter hours: "up to now" ends at the end of the current quarter hour, which holds no contact
 * received after now anyway.
 */
record ResultsPeriods(Instant now, ZoneId zone) {

    Instant endOfCurrentQuarterHour() {
        return Period.quarterHourOf(now).plusSeconds(Period.QUARTER_HOUR_SECONDS);
    }

    Instant currentQuarterStart() {
        return Period.QUARTER.startOf(now, zone);
    }

    Instant previousQuarterStart() {
        return Period.QUARTER.startOf(currentQuarterStart().minusSeconds(1), zone);
    }

    /** The first day of the month eleven months ago: with the current month, twelve months. */
    Instant twelveMonthsStart() {
        LocalDate month = Period.MONTH.startOf(now, zone).atZone(zone).toLocalDate().minusMonths(11);
        return month.atStartOfDay(zone).toInstant();
    }

    static String quarterLabel(Instant start, ZoneId zone) {
        LocalDate day = start.atZone(zone).toLocalDate();
        int quarter = (day.getMonthValue() - 1) / 3 + 1;
        return (quarter == 1 ? "1er" : quarter + "e") + " trimestre " + day.getYear();
    }

    static String monthLabel(Instant start, ZoneId zone) {
        LocalDate day = start.atZone(zone).toLocalDate();
        return day.getMonth().getDisplayName(TextStyle.FULL, Locale.FRANCE) + " " + day.getYear();
    }

    static String dayLabel(Instant at, ZoneId zone) {
        return java.time.format.DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.FRANCE).format(at.atZone(zone));
    }
}
