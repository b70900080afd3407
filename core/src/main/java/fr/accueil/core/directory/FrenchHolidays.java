package fr.accueil.core.directory;

import java.time.LocalDate;
import java.time.Month;
import java.util.Set;
import java.util.TreeSet;

/**
 * Public holidays (jours fériés) of the French labour code, art. L3133-1, computed for any year:
 * eight fixed days, and Easter Monday, Ascension (Easter + 39) and Whit Monday (Easter + 50).
 * Alsace-Moselle adds Good Friday and 26 December.
 */
public final class FrenchHolidays {
    private FrenchHolidays() {
    }

    public static Set<LocalDate> of(int year, HolidayRegime regime) {
        Set<LocalDate> days = new TreeSet<>();
        if (regime == HolidayRegime.NONE) {
            return days;
        }
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(LocalDate.of(year, Month.MAY, 1));
        days.add(LocalDate.of(year, Month.MAY, 8));
        days.add(LocalDate.of(year, Month.JULY, 14));
        days.add(LocalDate.of(year, Month.AUGUST, 15));
        days.add(LocalDate.of(year, Month.NOVEMBER, 1));
        days.add(LocalDate.of(year, Month.NOVEMBER, 11));
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        LocalDate easter = easterSunday(year);
        days.add(easter.plusDays(1));
        days.add(easter.plusDays(39));
        days.add(easter.plusDays(50));
        if (regime == HolidayRegime.ALSACE_MOSELLE) {
            days.add(easter.minusDays(2));
            days.add(LocalDate.of(year, Month.DECEMBER, 26));
        }
        return days;
    }

    public static boolean isHoliday(LocalDate date, HolidayRegime regime) {
        return of(date.getYear(), regime).contains(date);
    }

    /** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
