package fr.accueil.core.speech;

import fr.accueil.core.directory.PromptRef;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Composes spoken French from recorded fragments ("parole/…" prompts), so that numbers, times and
 * dates are said without synthesising speech at run time: "demain à 8 heures 30".
 *
 * <p>Every fragment returned is listed in {@code prompts/fr/texts.tsv}. Stateless and thread-safe.
 */
public final class FrenchSpeech {

    /** The largest number {@link #number(int)} can say. */
    public static final int MAX_NUMBER = 9999;

    /** Openings at most this many days ahead are named by their day of the week. */
    static final int DAYS_NAMED_BY_WEEKDAY = 6;

    private static final String NUMBER = "parole/nombre/";
    private static final PromptRef HUNDRED = PromptRef.of(NUMBER + "100");
    private static final PromptRef HUNDREDS = PromptRef.of(NUMBER + "cents");
    private static final PromptRef THOUSAND = PromptRef.of(NUMBER + "1000");
    private static final PromptRef ONE_FEMININE = PromptRef.of(NUMBER + "une");
    private static final PromptRef TWENTY_ONE_FEMININE = PromptRef.of(NUMBER + "vingt-et-une");
    private static final PromptRef HOUR = PromptRef.of("parole/heure");
    private static final PromptRef HOURS = PromptRef.of("parole/heures");
    private static final PromptRef NOON = PromptRef.of("parole/midi");
    private static final PromptRef MIDNIGHT = PromptRef.of("parole/minuit");
    private static final PromptRef TODAY = PromptRef.of("parole/aujourdhui");
    private static final PromptRef TOMORROW = PromptRef.of("parole/demain");
    private static final PromptRef AT = PromptRef.of("parole/a");
    private static final PromptRef THE = PromptRef.of("parole/le");
    private static final PromptRef FIRST = PromptRef.of("parole/premier");

    private FrenchSpeech() {
    }

    /**
     * A cardinal number, 0 to 9999. Below 100 each number is one recorded fragment, which keeps
     * the French irregularities (soixante et onze, quatre-vingts) in the recordings rather than in
     * code. "cent" and "mille" follow the usual rules: "cent" takes an "s" only for an exact
     * multiple (deux cents, deux cent un) and is not preceded by "un"; "mille" never varies.
     *
     * @throws IllegalArgumentException outside 0..9999
     */
    public static List<PromptRef> number(int n) {
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("can say numbers from 0 to " + MAX_NUMBER + ", got " + n);
        }
        List<PromptRef> words = new ArrayList<>();
        int thousands = n / 1000;
        int belowThousand = n % 1000;
        if (thousands > 0) {
            if (thousands > 1) {
                words.add(belowHundred(thousands));
            }
            words.add(THOUSAND);
        }
        int hundreds = belowThousand / 100;
        int rest = belowThousand % 100;
        if (hundreds > 0) {
            if (hundreds == 1) {
                words.add(HUNDRED);
            } else {
                words.add(belowHundred(hundreds));
                words.add(rest == 0 ? HUNDREDS : HUNDRED);
            }
        }
        if (rest > 0 || n == 0) {
            words.add(belowHundred(rest));
        }
        return List.copyOf(words);
    }

    /**
     * A clock time to the minute (seconds are not said): "8 heures 30", "une heure", "midi",
     * "minuit 15". Minutes are said as a plain number after the hour.
     */
    public static List<PromptRef> time(LocalTime time) {
        List<PromptRef> words = new ArrayList<>();
        int hour = time.getHour();
        switch (hour) {
            case 0 -> words.add(MIDNIGHT);
            case 12 -> words.add(NOON);
            // "une heure", feminine and singular.
            case 1 -> {
                words.add(ONE_FEMININE);
                words.add(HOUR);
            }
            // "vingt et une heures": heure is feminine.
            case 21 -> {
                words.add(TWENTY_ONE_FEMININE);
                words.add(HOURS);
            }
            default -> {
                words.add(belowHundred(hour));
                words.add(HOURS);
            }
        }
        if (time.getMinute() > 0) {
            words.add(belowHundred(time.getMinute()));
        }
        return List.copyOf(words);
    }

    /**
     * When the service opens next, relative to now, in the service's zone: "aujourd'hui à 13 heures 30",
     * "demain à 8 heures 30", "lundi à 9 heures" (within the week), "le 2 janvier à 9 heures" (later).
     *
     * <p>Days are counted in calendar dates of the opening's zone, not in periods of 24 hours: at
     * 23:50 an opening at 08:30 the next morning is "demain". The year is not said.
     *
     * @throws IllegalArgumentException if the opening falls on a date before today in its zone
     */
    public static List<PromptRef> when(ZonedDateTime now, ZonedDateTime opening) {
        LocalDate today = now.withZoneSameInstant(opening.getZone()).toLocalDate();
        LocalDate day = opening.toLocalDate();
        long daysAhead = ChronoUnit.DAYS.between(today, day);
        if (daysAhead < 0) {
            throw new IllegalArgumentException("opening " + opening + " is on a day before " + now);
        }
        List<PromptRef> words = new ArrayList<>();
        if (daysAhead == 0) {
            words.add(TODAY);
        } else if (daysAhead == 1) {
            words.add(TOMORROW);
        } else if (daysAhead <= DAYS_NAMED_BY_WEEKDAY) {
            words.add(weekday(day.getDayOfWeek()));
        } else {
            words.add(THE);
            words.add(day.getDayOfMonth() == 1 ? FIRST : belowHundred(day.getDayOfMonth()));
            words.add(month(day.getMonth()));
        }
        words.add(AT);
        words.addAll(time(opening.toLocalTime()));
        return List.copyOf(words);
    }

    /** The fragment naming a day of the week: "parole/jour/lundi". */
    public static PromptRef weekday(DayOfWeek day) {
        String name = switch (day) {
            case MONDAY -> "lundi";
            case TUESDAY -> "mardi";
            case WEDNESDAY -> "mercredi";
            case THURSDAY -> "jeudi";
            case FRIDAY -> "vendredi";
            case SATURDAY -> "samedi";
            case SUNDAY -> "dimanche";
        };
        return PromptRef.of("parole/jour/" + name);
    }

    /** The fragment naming a month, spelt without accents in the name: "parole/mois/fevrier". */
    public static PromptRef month(Month month) {
        String name = switch (month) {
            case JANUARY -> "janvier";
            case FEBRUARY -> "fevrier";
            case MARCH -> "mars";
            case APRIL -> "avril";
            case MAY -> "mai";
            case JUNE -> "juin";
            case JULY -> "juillet";
            case AUGUST -> "aout";
            case SEPTEMBER -> "septembre";
            case OCTOBER -> "octobre";
            case NOVEMBER -> "novembre";
            case DECEMBER -> "decembre";
        };
        return PromptRef.of("parole/mois/" + name);
    }

    private static PromptRef belowHundred(int n) {
        return PromptRef.of(NUMBER + n);
    }
}
