package fr.accueil.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Period starts pinned by hand (the property test only checks that roll-ups and raw facts agree). */
class PeriodTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest
    @CsvSource({
            "QUARTER_HOUR, 2026-03-29T00:59:59Z, 2026-03-29T00:45:00Z",
            "DAY,          2026-03-29T21:59:59Z, 2026-03-28T23:00:00Z",  // DST day: 23 h long in Paris
            "DAY,          2026-03-29T22:00:00Z, 2026-03-29T22:00:00Z",
            "WEEK,         2026-03-01T12:00:00Z, 2026-02-22T23:00:00Z",  // a Sunday belongs to the week from Monday
            "WEEK,         2026-03-02T00:30:00Z, 2026-03-01T23:00:00Z",
            "MONTH,        2026-02-28T23:30:00Z, 2026-02-28T23:00:00Z",  // already 1 March in Paris
            "QUARTER,      2026-06-30T21:59:59Z, 2026-03-31T22:00:00Z",
            "QUARTER,      2026-06-30T22:00:00Z, 2026-06-30T22:00:00Z",
            "QUARTER,      2026-12-31T22:59:59Z, 2026-09-30T22:00:00Z",
            "YEAR,         2026-12-31T23:00:00Z, 2026-12-31T23:00:00Z",
            "ALL,          2026-05-05T10:00:00Z, 1970-01-01T00:00:00Z"})
    void startsWhereTheCalendarSays(Period period, String at, String start) {
        assertThat(period.startOf(Instant.parse(at), PARIS)).isEqualTo(Instant.parse(start));
    }
}
