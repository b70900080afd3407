package fr.accueil.core.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.directory.PromptRef;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrenchSpeechTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Expected fragments written short: "8 heures 30" stands for nombre/8, heures, nombre/30. */
    private static List<String> names(List<PromptRef> refs) {
        return refs.stream().map(PromptRef::name).toList();
    }

    private static List<String> spoken(String words) {
        return Arrays.stream(words.split(" ")).map(word -> switch (word) {
            case "cent" -> "parole/nombre/100";
            case "cents" -> "parole/nombre/cents";
            case "mille" -> "parole/nombre/1000";
            case "une" -> "parole/nombre/une";
            case "vingt-et-une" -> "parole/nombre/vingt-et-une";
            default -> word.matches("\\d+") ? "parole/nombre/" + word : "parole/" + word;
        }).toList();
    }

    @ParameterizedTest(name = "{0} is said \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "0    | 0",
        "1    | 1",
        "16   | 16",
        "21   | 21",
        "71   | 71",
        "80   | 80",
        "99   | 99",
        "100  | cent",
        "101  | cent 1",
        "110  | cent 10",
        "180  | cent 80",
        "199  | cent 99",
        "200  | 2 cents",
        "201  | 2 cent 1",
        "280  | 2 cent 80",
        "300  | 3 cents",
        "999  | 9 cent 99",
        "1000 | mille",
        "1001 | mille 1",
        "1100 | mille cent",
        "1200 | mille 2 cents",
        "1999 | mille 9 cent 99",
        "2000 | 2 mille",
        "2001 | 2 mille 1",
        "2026 | 2 mille 26",
        "2100 | 2 mille cent",
        "5300 | 5 mille 3 cents",
        "9999 | 9 mille 9 cent 99",
    })
    void saysNumbersTheFrenchWay(int n, String expected) {
        assertThat(names(FrenchSpeech.number(n))).containsExactlyElementsOf(spoken(expected));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void refusesNumbersItCannotSay(int n) {
        assertThatThrownBy(() -> FrenchSpeech.number(n))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(n));
    }

    @Test
    void neverSaysZeroInsideALargerNumberNorUnBeforeCentOrMille() {
        for (int n = 1; n <= FrenchSpeech.MAX_NUMBER; n++) {
            List<String> words = names(FrenchSpeech.number(n));
            assertThat(words).as("%d", n).doesNotContain("parole/nombre/0");
            // "cent", "mille", not "un cent", "un mille": "un" can only end a number.
            int one = words.indexOf("parole/nombre/1");
            assertThat(one == -1 || one == words.size() - 1).as("%d is said %s", n, words).isTrue();
        }
    }

    @Test
    void distinctNumbersAreSaidDifferently() {
        Set<List<PromptRef>> seen = new HashSet<>();
        for (int n = 0; n <= FrenchSpeech.MAX_NUMBER; n++) {
            assertThat(seen.add(FrenchSpeech.number(n))).as("%d said like another number", n).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} is said \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "08:30 | 8 heures 30",
        "09:00 | 9 heures",
        "01:00 | une heure",
        "01:15 | une heure 15",
        "02:00 | 2 heures",
        "11:59 | 11 heures 59",
        "12:00 | midi",
        "12:30 | midi 30",
        "00:00 | minuit",
        "00:15 | minuit 15",
        "13:05 | 13 heures 5",
        "21:00 | vingt-et-une heures",
        "21:45 | vingt-et-une heures 45",
        "23:59 | 23 heures 59",
    })
    void saysClockTimes(LocalTime time, String expected) {
        assertThat(names(FrenchSpeech.time(time))).containsExactlyElementsOf(spoken(expected));
    }

    @Test
    void ignoresSecondsAndNanoseconds() {
        assertThat(FrenchSpeech.time(LocalTime.of(8, 30, 59, 999_999_999)))
                .isEqualTo(FrenchSpeech.time(LocalTime.of(8, 30)));
    }

    static Stream<Arguments> openings() {
        // 2026-11-27 is a Friday.
        return Stream.of(
                Arguments.of("2026-11-27T07:00", "2026-11-27T08:30", "aujourdhui a 8 heures 30"),
                Arguments.of("2026-11-27T11:00", "2026-11-27T13:30", "aujourdhui a 13 heures 30"),
                Arguments.of("2026-11-27T23:50", "2026-11-28T00:00", "demain a minuit"),
                Arguments.of("2026-11-27T18:00", "2026-11-28T09:00", "demain a 9 heures"),
                Arguments.of("2026-11-27T00:00", "2026-11-28T12:00", "demain a midi"),
                Arguments.of("2026-11-27T18:00", "2026-11-30T08:30", "jour/lundi a 8 heures 30"),
                Arguments.of("2026-11-27T18:00", "2026-11-29T01:00", "jour/dimanche a une heure"),
                // Six days ahead is still within the week; seven is the same weekday again, so a date.
                Arguments.of("2026-11-27T18:00", "2026-12-03T09:00", "jour/jeudi a 9 heures"),
                Arguments.of("2026-11-27T18:00", "2026-12-04T09:00", "le 4 mois/decembre a 9 heures"),
                Arguments.of("2026-11-27T18:00", "2026-12-01T09:00", "jour/mardi a 9 heures"),
                Arguments.of("2026-11-20T18:00", "2026-12-01T09:00", "le premier mois/decembre a 9 heures"),
                Arguments.of("2026-12-24T12:00", "2027-01-04T08:30", "le 4 mois/janvier a 8 heures 30"),
                Arguments.of("2026-12-31T18:00", "2027-01-01T10:00", "demain a 10 heures"),
                Arguments.of("2026-12-20T18:00", "2027-01-02T09:00", "le 2 mois/janvier a 9 heures"),
                Arguments.of("2026-07-10T18:00", "2026-08-15T14:00", "le 15 mois/aout a 14 heures"),
                Arguments.of("2026-01-10T18:00", "2026-02-21T12:45", "le 21 mois/fevrier a midi 45"),
                Arguments.of("2026-01-10T18:00", "2026-03-31T00:30", "le 31 mois/mars a minuit 30"));
    }

    @ParameterizedTest(name = "at {0}, opening {1} is \"{2}\"")
    @MethodSource("openings")
    void saysWhenTheServiceOpens(String now, String opening, String expected) {
        ZonedDateTime nowInParis = LocalDateTime.parse(now).atZone(PARIS);
        ZonedDateTime openingInParis = LocalDateTime.parse(opening).atZone(PARIS);
        assertThat(names(FrenchSpeech.when(nowInParis, openingInParis))).containsExactlyElementsOf(spoken(expected));
    }

    @Test
    void countsDaysInTheOpeningsZoneNotTheCallersClock() {
        // 23:30 UTC on Friday is 00:30 on Saturday in Paris but still 19:30 on Friday in Martinique.
        ZoneId martinique = ZoneId.of("America/Martinique");
        ZonedDateTime nowUtc = ZonedDateTime.parse("2026-11-27T23:30:00Z");
        ZonedDateTime opening = LocalDateTime.parse("2026-11-28T08:00").atZone(martinique);
        assertThat(names(FrenchSpeech.when(nowUtc, opening))).containsExactlyElementsOf(spoken("demain a 8 heures"));

        ZonedDateTime openingInParis = LocalDateTime.parse("2026-11-28T08:00").atZone(PARIS);
        assertThat(names(FrenchSpeech.when(nowUtc, openingInParis))).containsExactlyElementsOf(spoken("aujourdhui a 8 heures"));
    }

    @Test
    void countsCalendarDaysNotPeriodsOf24HoursAcrossADaylightSavingChange() {
        // Summer time starts on 2026-03-29 in Paris: from Saturday 23:30 to Sunday 23:15 is only
        // 22 h 45 min, yet it is tomorrow.
        ZonedDateTime now = LocalDateTime.parse("2026-03-28T23:30").atZone(PARIS);
        ZonedDateTime opening = LocalDateTime.parse("2026-03-29T23:15").atZone(PARIS);
        assertThat(names(FrenchSpeech.when(now, opening))).containsExactlyElementsOf(spoken("demain a 23 heures 15"));
    }

    @Test
    void refusesAnOpeningOnADayAlreadyPast() {
        ZonedDateTime now = LocalDateTime.parse("2026-11-27T10:00").atZone(PARIS);
        assertThatThrownBy(() -> FrenchSpeech.when(now, now.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOpeningEarlierTodayIsStillToday() {
        // The caller of when() may have computed the opening a moment before now: say it, don't fail.
        ZonedDateTime now = LocalDateTime.parse("2026-11-27T08:30:01").atZone(PARIS);
        assertThat(names(FrenchSpeech.when(now, now.withSecond(0))))
                .containsExactlyElementsOf(spoken("aujourdhui a 8 heures 30"));
    }

    @Test
    void namesEveryWeekdayAndMonth() {
        assertThat(Arrays.stream(DayOfWeek.values()).map(FrenchSpeech::weekday).map(PromptRef::name))
                .containsExactly("parole/jour/lundi", "parole/jour/mardi", "parole/jour/mercredi", "parole/jour/jeudi",
                        "parole/jour/vendredi", "parole/jour/samedi", "parole/jour/dimanche");
        assertThat(Arrays.stream(Month.values()).map(FrenchSpeech::month).map(PromptRef::name))
                .containsExactly("parole/mois/janvier", "parole/mois/fevrier", "parole/mois/mars", "parole/mois/avril",
                        "parole/mois/mai", "parole/mois/juin", "parole/mois/juillet", "parole/mois/aout",
                        "parole/mois/septembre", "parole/mois/octobre", "parole/mois/novembre", "parole/mois/decembre");
    }
}
