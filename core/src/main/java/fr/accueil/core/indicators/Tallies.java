package fr.accueil.core.indicators;

import java.time.Duration;

/**
 * The additive counts and sums behind every indicator: adding the tallies of two sets of contacts
 * gives the tallies of their union, which is what lets 15-minute roll-ups merge into any period and
 * lets incremental upkeep equal recomputation. Each contact is classified once, here, by
 * {@link #of(ContactFacts, RuleSet)}; {@link Indicators#from} only divides.
 *
 * <p>Contacts outside opening hours count in {@code received} and {@code closedHours} and nowhere
 * else. All other counts are among contacts received in opening hours.
 *
 * @param received             every contact
 * @param closedHours          contacts outside opening hours
 * @param receivedInHours      contacts in opening hours (denominator of the global rate)
 * @param selfServiceCompleted contacts fully handled by self-service
 * @param shortAbandons        queue abandons shorter than the threshold, excluded from {@code presented}
 * @param presented            presented to an agent (denominator of the pickup rate)
 * @param handled              presented and connected to an agent, or reached by a callback when callbacks count
 * @param connected            presented and connected to an agent (the call itself, not a callback)
 * @param answeredWithinTarget connected with a speed of answer within the service-level target
 * @param speedOfAnswerMillis  sum of speeds of answer over {@code connected}
 * @param handlingCount        connected calls whose handling time is known
 * @param handlingMillis       sum of those handling times
 * @param ivrAbandons          hung up in the IVR
 * @param queueAbandons        hung up waiting for an agent, not counting short abandons
 * @param refusedAtCapacity    refused for saturation
 * @param transferred          handed on to another number
 * @param callbacksRequested   presented calls that asked for a callback
 * @param callbacksReached     of those, callbacks in which an agent reached the citizen
 * @param surveyAnswers        satisfaction survey answers
 * @param satisfied            answers at or above the scale's "satisfied" score
 * @param dissatisfied         answers at or under the scale's "dissatisfied" score
 */
public record Tallies(long received, long closedHours, long receivedInHours, long selfServiceCompleted,
                      long shortAbandons, long presented, long handled, long connected, long answeredWithinTarget,
                      long speedOfAnswerMillis, long handlingCount, long handlingMillis, long ivrAbandons,
                      long queueAbandons, long refusedAtCapacity, long transferred, long callbacksRequested,
                      long callbacksReached, long surveyAnswers, long satisfied, long dissatisfied) {

    public static final Tallies ZERO = new Tallies(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Classifies one contact by the rules. */
    public static Tallies of(ContactFacts f, RuleSet rules) {
        if (!f.inOpeningHours()) {
            return new Tallies(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        boolean shortAbandon = f.abandonment()
                .filter(a -> a.place() == Abandonment.Place.QUEUE)
                .filter(a -> a.waited().compareTo(rules.shortAbandonThreshold()) < 0)
                .isPresent();
        boolean presented = f.enteredQueueOrAskedAgent() && !shortAbandon;
        boolean connected = presented && f.connectedToAgent();
        boolean callbackHandled = presented && rules.countCallbacks() && f.callbackReached();
        Duration speed = f.speedOfAnswer().orElse(Duration.ZERO);
        boolean withinTarget = connected && speed.compareTo(rules.serviceLevelTarget()) <= 0;
        boolean handlingKnown = connected && f.handlingTime().isPresent();
        boolean ivrAbandon = f.abandonment().filter(a -> a.place() == Abandonment.Place.IVR).isPresent();
        boolean queueAbandon = presented && f.abandonment().isPresent();
        int score = f.satisfaction().orElse(0);
        boolean answered = f.satisfaction().isPresent();
        return new Tallies(1, 0, 1, f.selfServiceCompleted() ? 1 : 0, shortAbandon ? 1 : 0, presented ? 1 : 0,
                connected || callbackHandled ? 1 : 0, connected ? 1 : 0, withinTarget ? 1 : 0,
                connected ? speed.toMillis() : 0, handlingKnown ? 1 : 0,
                handlingKnown ? f.handlingTime().get().toMillis() : 0, ivrAbandon ? 1 : 0, queueAbandon ? 1 : 0,
                f.refusedAtCapacity() ? 1 : 0, f.transferred() ? 1 : 0,
                presented && f.callbackRequested() ? 1 : 0, presented && f.callbackReached() ? 1 : 0,
                answered ? 1 : 0, answered && score >= rules.satisfaction().satisfiedFrom() ? 1 : 0,
                answered && score <= rules.satisfaction().dissatisfiedUpTo() ? 1 : 0);
    }

    public Tallies plus(Tallies o) {
        return new Tallies(received + o.received, closedHours + o.closedHours, receivedInHours + o.receivedInHours,
                selfServiceCompleted + o.selfServiceCompleted, shortAbandons + o.shortAbandons,
                presented + o.presented, handled + o.handled, connected + o.connected,
                answeredWithinTarget + o.answeredWithinTarget, speedOfAnswerMillis + o.speedOfAnswerMillis,
                handlingCount + o.handlingCount, handlingMillis + o.handlingMillis, ivrAbandons + o.ivrAbandons,
                queueAbandons + o.queueAbandons, refusedAtCapacity + o.refusedAtCapacity,
                transferred + o.transferred, callbacksRequested + o.callbacksRequested,
                callbacksReached + o.callbacksReached, surveyAnswers + o.surveyAnswers, satisfied + o.satisfied,
                dissatisfied + o.dissatisfied);
    }
}
