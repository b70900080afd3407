package fr.accueil.server.publication;

import fr.accueil.core.indicators.Ratio;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A rate as the pages print it, in French: the percentage (one decimal) and always its counts
 * ("35 sur 40"); « non disponible » when there is nothing to divide by, never 0 %.
 */
public record RateView(Ratio ratio) {
    public static final String NOT_AVAILABLE = "non disponible";

    public RateView {
        Objects.requireNonNull(ratio, "ratio");
    }

    public boolean available() {
        return ratio.available();
    }

    /** "87,5 %" (no-break space before the sign, as French typography wants), or « non disponible ». */
    public String percent() {
        return ratio.available() ? decimal(100.0 * ratio.numerator() / ratio.denominator()) + "\u00a0%" : NOT_AVAILABLE;
    }

    /** "35 sur 40". */
    public String counts() {
        return count(ratio.numerator()) + " sur " + count(ratio.denominator());
    }

    /** Percentage and counts together: "87,5 % (35 sur 40)". */
    public String text() {
        return percent() + " (" + counts() + ")";
    }

    public boolean reachesTarget() {
        return PickupTarget.reachedBy(ratio);
    }

    /** The value for a chart's JSON data: "87.5", or "null" (a gap) when not available. */
    public String chartValue() {
        return ratio.available() ? String.format(Locale.ROOT, "%.1f", 100.0 * ratio.numerator() / ratio.denominator()) : "null";
    }

    static String decimal(double value) {
        return String.format(Locale.FRANCE, "%.1f", value);
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.FRANCE).format(n);
    }
}
