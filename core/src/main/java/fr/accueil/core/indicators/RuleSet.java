package fr.accueil.core.indicators;

import java.time.Duration;
import java.util.Objects;

/**
 * The configurable rules of the indicator definition, versioned: every published figure carries the
 * version of the rule set it was computed with, and roll-ups computed under one version are never
 * merged with another's (a rule change means recomputing the roll-ups from the raw contacts).
 *
 * @param version              published identifier of these rules, e.g. {@code 2026-1}
 * @param shortAbandonThreshold queue abandons that waited strictly less than this are not presented to an
 *                             agent (caller error, wrong number); zero excludes nothing
 * @param serviceLevelTarget   "service level" counts presented calls answered within this wait (inclusive)
 * @param countCallbacks       whether a callback in which an agent reached the citizen makes the original
 *                             call handled
 * @param satisfaction         how survey scores are read
 */
public record RuleSet(String version, Duration shortAbandonThreshold, Duration serviceLevelTarget,
                      boolean countCallbacks, SatisfactionScale satisfaction) {

    public RuleSet {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("rule set version must not be blank");
        }
        Objects.requireNonNull(shortAbandonThreshold, "shortAbandonThreshold");
        Objects.requireNonNull(serviceLevelTarget, "serviceLevelTarget");
        Objects.requireNonNull(satisfaction, "satisfaction");
        if (shortAbandonThreshold.isNegative()) {
            throw new IllegalArgumentException("shortAbandonThreshold must not be negative: " + shortAbandonThreshold);
        }
        if (serviceLevelTarget.isNegative() || serviceLevelTarget.isZero()) {
            throw new IllegalArgumentException("serviceLevelTarget must be positive: " + serviceLevelTarget);
        }
    }

    /** The defaults of PRODUCT.md: nothing excluded as short abandon, T = 60 s, callbacks counted, 4–5 of 5. */
    public static RuleSet defaults(String version) {
        return new RuleSet(version, Duration.ZERO, Duration.ofSeconds(60), true, SatisfactionScale.STANDARD);
    }

    public RuleSet withShortAbandonThreshold(Duration threshold) {
        return new RuleSet(version, threshold, serviceLevelTarget, countCallbacks, satisfaction);
    }

    public RuleSet withServiceLevelTarget(Duration target) {
        return new RuleSet(version, shortAbandonThreshold, target, countCallbacks, satisfaction);
    }

    public RuleSet withCountCallbacks(boolean count) {
        return new RuleSet(version, shortAbandonThreshold, serviceLevelTarget, count, satisfaction);
    }

    /**
     * Reading of the 1–5 survey scale.
     *
     * @param satisfiedFrom    scores from this one up count as satisfied (4: "satisfied" and "very satisfied")
     * @param dissatisfiedUpTo scores up to this one count as dissatisfied (2); scores in between are neutral
     */
    public record SatisfactionScale(int satisfiedFrom, int dissatisfiedUpTo) {
        public static final SatisfactionScale STANDARD = new SatisfactionScale(4, 2);

        public SatisfactionScale {
            if (dissatisfiedUpTo < ContactFacts.SATISFACTION_MIN || satisfiedFrom > ContactFacts.SATISFACTION_MAX
                    || dissatisfiedUpTo >= satisfiedFrom) {
                throw new IllegalArgumentException("need 1 <= dissatisfiedUpTo < satisfiedFrom <= 5, got "
                        + dissatisfiedUpTo + " and " + satisfiedFrom);
            }
        }
    }
}
