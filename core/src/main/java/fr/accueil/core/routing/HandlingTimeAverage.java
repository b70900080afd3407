package fr.accueil.core.routing;

import java.time.Duration;
import java.util.Optional;

/**
 * Exponentially weighted moving average of recent handling times: {@code avg ← α·sample + (1−α)·avg}
 * with α = 0.2, so the last ten or so contacts dominate and an old busy morning fades out. The first
 * sample initialises it. Not thread-safe (owned by the engine).
 */
final class HandlingTimeAverage {
    static final double ALPHA = 0.2;
    private double averageMillis = Double.NaN;

    void record(Duration handlingTime) {
        if (handlingTime.isNegative()) {
            throw new IllegalArgumentException("handling time must not be negative, was " + handlingTime);
        }
        double sample = handlingTime.toMillis();
        averageMillis = Double.isNaN(averageMillis) ? sample : ALPHA * sample + (1 - ALPHA) * averageMillis;
    }

    Optional<Double> averageMillis() {
        return Double.isNaN(averageMillis) ? Optional.empty() : Optional.of(averageMillis);
    }
}
