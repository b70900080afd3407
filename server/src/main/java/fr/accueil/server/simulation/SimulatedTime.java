package fr.accueil.server.simulation;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The simulator's dice: Poisson arrivals (exponential gaps), exponential patience, lognormal
 * handling times, all scaled by the settings' time scale so that a demo fills within a minute.
 */
record SimulatedTime(double timeScale, RandomGenerator random) {

    /** Gap to the next arrival of a Poisson process of {@code perMinute} calls a minute (never scaled). */
    Duration nextArrivalGap(double perMinute) {
        return millis(-Math.log(1 - random.nextDouble()) * 60_000 / perMinute);
    }

    /** Exponential with the given (real-life) mean, scaled. */
    Duration exponential(Duration mean) {
        return millis(-Math.log(1 - random.nextDouble()) * mean.toMillis() * timeScale);
    }

    /** Lognormal with the given (real-life) mean and a shape σ = 0.6 (a long right tail, like talk times), scaled. */
    Duration lognormal(Duration mean) {
        double sigma = 0.6;
        double mu = Math.log(mean.toMillis() * timeScale) - sigma * sigma / 2;
        return millis(Math.exp(mu + sigma * random.nextGaussian()));
    }

    /** Uniform between two real-life durations, scaled. */
    Duration between(Duration low, Duration high) {
        return millis((low.toMillis() + random.nextDouble() * (high.toMillis() - low.toMillis())) * timeScale);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    private static Duration millis(double ms) {
        return Duration.ofMillis(Math.max(1, Math.round(ms)));
    }
}
