package fr.accueil.core.indicators;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Net satisfaction: share of satisfied answers minus share of dissatisfied answers, in [-1, 1]. Carries
 * both counts and the number of answers; no answer means "not available".
 */
public record NetScore(long satisfied, long dissatisfied, long answers, String ruleSetVersion) {
    public NetScore {
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        if (satisfied < 0 || dissatisfied < 0 || satisfied + dissatisfied > answers) {
            throw new IllegalArgumentException("inconsistent counts: " + satisfied + " satisfied, " + dissatisfied
                    + " dissatisfied of " + answers);
        }
    }

    public boolean available() {
        return answers > 0;
    }

    public OptionalDouble value() {
        return available() ? OptionalDouble.of((double) (satisfied - dissatisfied) / answers) : OptionalDouble.empty();
    }
}
