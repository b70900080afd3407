package fr.accueil.telephony.acd;

import java.time.Duration;
import java.util.Objects;

/**
 * How callbacks are attempted, for every queue.
 *
 * @param attempts     calls to the citizen before the callback is given up (an agent's phone not answering
 *                     does not count)
 * @param spacing      time between two attempts to the citizen
 * @param confirmKey   the key that confirms the calling number as the one to call back
 * @param ringTimeout  how long the citizen's phone rings on each attempt
 */
public record CallbackRules(int attempts, Duration spacing, char confirmKey, Duration ringTimeout) {
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_SPACING = Duration.ofMinutes(10);
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

    public CallbackRules {
        if (attempts < 1) {
            throw new IllegalArgumentException("callback attempts must be at least 1, was " + attempts);
        }
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (spacing.isNegative() || ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("callback spacing must not be negative and ring time-out must be positive");
        }
        if ("0123456789".indexOf(confirmKey) < 0) {
            throw new IllegalArgumentException("callback confirm key must be a digit, was " + confirmKey);
        }
    }

    /** Three attempts ten minutes apart, key 1 confirms the calling number, 30 s of ringing. */
    public static CallbackRules defaults() {
        return new CallbackRules(DEFAULT_ATTEMPTS, DEFAULT_SPACING, '1', DEFAULT_RING_TIMEOUT);
    }
}
