package fr.accueil.core.indicators;

import java.util.Objects;

/**
 * Every published figure for one group and period, each with its counts and the rule-set version.
 * See docs/indicators-rules.md for the numerator and denominator of each.
 */
public record Indicators(String ruleSetVersion, Ratio pickupRate, Ratio globalRate, Ratio ivrAbandons,
                         Ratio queueAbandons, Ratio shortAbandonsExcluded, Ratio saturationRefusals,
                         Measure averageSpeedOfAnswer, Ratio serviceLevel, Measure averageHandlingTime,
                         Ratio callbackCompletion, Ratio closedHoursCalls, Ratio transfers, Ratio satisfaction,
                         NetScore netSatisfaction, Tallies tallies) {

    public Indicators {
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(tallies, "tallies");
    }

    /** Divides the tallies; all classification already happened in {@link Tallies#of}. */
    public static Indicators from(Tallies t, RuleSet rules) {
        String v = rules.version();
        long handledGlobally = t.handled() + t.selfServiceCompleted();
        return new Indicators(v,
                new Ratio(t.handled(), t.presented(), v),
                new Ratio(handledGlobally, t.receivedInHours(), v),
                new Ratio(t.ivrAbandons(), t.receivedInHours(), v),
                new Ratio(t.queueAbandons(), t.presented(), v),
                new Ratio(t.shortAbandons(), t.receivedInHours(), v),
                new Ratio(t.refusedAtCapacity(), t.receivedInHours(), v),
                new Measure(t.connected(), t.speedOfAnswerMillis(), v),
                new Ratio(t.answeredWithinTarget(), t.presented(), v),
                new Measure(t.handlingCount(), t.handlingMillis(), v),
                new Ratio(t.callbacksReached(), t.callbacksRequested(), v),
                new Ratio(t.closedHours(), t.received(), v),
                new Ratio(t.transferred(), t.receivedInHours(), v),
                new Ratio(t.satisfied(), t.surveyAnswers(), v),
                new NetScore(t.satisfied(), t.dissatisfied(), t.surveyAnswers(), v),
                t);
    }
}
