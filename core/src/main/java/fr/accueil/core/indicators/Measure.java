package fr.accueil.core.indicators;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A published average duration, with the sum and the count it was computed from, in milliseconds so
 * that sums over roll-ups stay exact. No observation means "not available".
 */
public record Measure(long count, long sumMillis, String ruleSetVersion) {
    public Measure {
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        if (count < 0 || sumMillis < 0) {
            throw new IllegalArgumentException("count and sum must not be negative: " + count + ", " + sumMillis);
        }
        if (count == 0 && sumMillis != 0) {
            throw new IllegalArgumentException("a sum without observations: " + sumMillis);
        }
    }

    public boolean available() {
        return count > 0;
    }

    /** The mean, rounded down to the millisecond, or empty without observations. */
    public Optional<Duration> average() {
        return available() ? Optional.of(Duration.ofMillis(sumMillis / count)) : Optional.empty();
    }
}
