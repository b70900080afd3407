package fr.accueil.server.indicators.internal;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.Dimension;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.server.indicators.IndicatorFilter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parameters of {@code GET /api/v1/indicators} (and its CSV twin), read and validated: a bad one
 * throws {@link BadParameter} naming it and saying why. Dates are local days in the publication zone
 * ({@code to} as a date includes that day); instants must fall on a quarter hour. Without {@code from},
 * the current quarter; without {@code to}, up to the end of the current quarter hour.
 */
public record IndicatorRequest(Query query, IndicatorFilter filter) {
    public static final List<String> PERIODS = List.of("quarter-hour", "day", "week", "month", "quarter", "year", "all");
    /** Quarter-hour rows over more than this would be a dump, not a report. */
    static final Duration MAX_QUARTER_HOUR_RANGE = Duration.ofDays(31);
    private static final int MAX_TEXT = 64;

    /** A parameter that cannot be used, with the reason (the API answers 400 with both). */
    public static final class BadParameter extends RuntimeException {
        private final String parameter;

        public BadParameter(String parameter, String message) {
            super(message, null, false, false);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    public static IndicatorRequest parse(String administration, String service, String number, String channel, String period,
                                         String from, String to, String group, ZoneId zone, Clock clock) {
        Period p = period(period);
        Instant now = clock.instant();
        Instant start = from == null || from.isBlank() ? Period.QUARTER.startOf(now, zone) : instant("from", from, false, zone);
        Instant end = to == null || to.isBlank()
                ? Period.quarterHourOf(now).plusSeconds(Period.QUARTER_HOUR_SECONDS) : instant("to", to, true, zone);
        if (!start.isBefore(end)) {
            throw new BadParameter("from", "'from' (" + start + ") must be before 'to' (" + end + ")");
        }
        if (p == Period.QUARTER_HOUR && Duration.between(start, end).compareTo(MAX_QUARTER_HOUR_RANGE) > 0) {
            throw new BadParameter("period", "'period=quarter-hour' is limited to " + MAX_QUARTER_HOUR_RANGE.toDays()
                    + " days; ask for a shorter range or a longer period");
        }
        IndicatorFilter filter = new IndicatorFilter(text("administration", administration), text("service", service),
                text("number", number), channel(channel));
        return new IndicatorRequest(new Query(grouping(group), p, zone, start, end), filter);
    }

    private static Period period(String text) {
        if (text == null || text.isBlank()) {
            return Period.DAY;
        }
        int i = PERIODS.indexOf(text.trim().toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new BadParameter("period", "'period' must be one of " + String.join(", ", PERIODS) + ", got '" + text + "'");
        }
        return Period.values()[i];
    }

    private static Set<Dimension> grouping(String text) {
        Set<Dimension> grouping = EnumSet.noneOf(Dimension.class);
        if (text == null || text.isBlank()) {
            return grouping;
        }
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                grouping.add(Dimension.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new BadParameter("group", "'group' must list some of administration, service, number, channel, got '"
                        + part.trim() + "'");
            }
        }
        return grouping;
    }

    private static Optional<String> text(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > MAX_TEXT) {
            throw new BadParameter(name, "'" + name + "' must be at most " + MAX_TEXT + " characters long");
        }
        return Optional.of(value.trim());
    }

    private static Optional<Channel> channel(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Channel.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("channel", "'channel' must be one of " + Arrays.stream(Channel.values())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got '" + value + "'");
        }
    }

    private static Instant instant(String name, String text, boolean endOfDay, ZoneId zone) {
        Instant at;
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                at = (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            } else {
                at = OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeException e) {
            throw new BadParameter(name, "'" + name + "' must be an ISO 8601 date (2026-03-02) or instant on a quarter hour "
                    + "(2026-03-02T08:15:00+01:00), got '" + text + "'");
        }
        if (!Period.isQuarterHour(at)) {
            throw new BadParameter(name, "'" + name + "' must fall on a quarter hour (roll-ups are by 15 minutes), got '" + text + "'");
        }
        if (at.isBefore(Instant.parse("1970-01-01T00:00:00Z")) || at.isAfter(Instant.parse("9000-01-01T00:00:00Z"))) {
            throw new BadParameter(name, "'" + name + "' must be between 1970 and 9000, got '" + text + "'");
        }
        return at;
    }
}
