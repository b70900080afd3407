package fr.accueil.core.indicators;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A published rate: never a bare number, always its counts and the rules it was computed under. A
 * zero denominator means "not available", never 0 % nor NaN.
 */
public record Ratio(long numerator, long denominator, String ruleSetVersion) {
    public Ratio {
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        if (numerator < 0 || denominator < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + numerator + "/" + denominator);
        }
        if (numerator > denominator) {
            throw new IllegalArgumentException("numerator " + numerator + " exceeds denominator " + denominator);
        }
    }

    public boolean available() {
        return denominator > 0;
    }

    /** The share in [0, 1], or empty when there is nothing to divide by. */
    public OptionalDouble value() {
        return available() ? OptionalDouble.of((double) numerator / denominator) : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator + (available() ? String.format(java.util.Locale.ROOT, " (%.1f %%)",
                100.0 * numerator / denominator) : " (n/a)") + " [" + ruleSetVersion + "]";
    }
}
