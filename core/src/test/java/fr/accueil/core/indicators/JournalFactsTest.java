package fr.accueil.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactEvent.Abandoned;
import fr.accueil.core.contact.ContactEvent.AgentAnswered;
import fr.accueil.core.contact.ContactEvent.AgentLost;
import fr.accueil.core.contact.ContactEvent.AgentNoAnswer;
import fr.accueil.core.contact.ContactEvent.CallbackAttempt;
import fr.accueil.core.contact.ContactEvent.CallbackCompleted;
import fr.accueil.core.contact.ContactEvent.CallbackFailed;
import fr.accueil.core.contact.ContactEvent.CallbackRequested;
import fr.accueil.core.contact.ContactEvent.Ended;
import fr.accueil.core.contact.ContactEvent.Enqueued;
import fr.accueil.core.contact.ContactEvent.MenuEntered;
import fr.accueil.core.contact.ContactEvent.MessagePlayed;
import fr.accueil.core.contact.ContactEvent.Offered;
import fr.accueil.core.contact.ContactEvent.Overflowed;
import fr.accueil.core.contact.ContactEvent.Received;
import fr.accueil.core.contact.ContactEvent.SurveyAnswered;
import fr.accueil.core.contact.ContactEvent.TransferredByAgent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each rule that turns a journal contact (outcome and events) into indicator facts, on hand-built
 * contacts, checked through the indicator calculator with exact numerators and denominators.
 */
class JournalFactsTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final RuleSet RULES = RuleSet.defaults("test-1");

    private static Instant t(long seconds) {
        return START.plusSeconds(seconds);
    }

    private static Contact ended(Outcome outcome) {
        return new Contact(ContactId.random(), Channel.PHONE, "caf", "accueil", "0140000000", "pseudo", START,
                Optional.of(START.plusSeconds(42)), Optional.of(outcome), List.of());
    }

    /** A contact received at START with these events, ended at the last one's time. */
    private static Contact contact(Outcome outcome, ContactEvent... events) {
        List<ContactEvent> all = new ArrayList<>();
        all.add(new Received(START, "0140000000", "0140000000"));
        all.addAll(List.of(events));
        Instant end = all.getLast().at();
        return new Contact(ContactId.random(), Channel.PHONE, "caf", "accueil", "0140000000", "pseudo", START,
                Optional.of(end), Optional.of(outcome), all);
    }

    private static Indicators indicators(RuleSet rules, Contact... contacts) {
        return new IndicatorCalculator(rules).total(List.of(contacts).stream().map(JournalFacts::of).toList());
    }

    private static Indicators indicators(Contact... contacts) {
        return indicators(RULES, contacts);
    }

    private static void assertRatio(Ratio r, long numerator, long denominator) {
        assertThat(r.numerator()).as("numerator").isEqualTo(numerator);
        assertThat(r.denominator()).as("denominator").isEqualTo(denominator);
    }

    private static void assertMeasure(Measure m, long count, long sumMillis) {
        assertThat(m.count()).as("count").isEqualTo(count);
        assertThat(m.sumMillis()).as("sum").isEqualTo(sumMillis);
    }

    /** Queued at 10 s, offered, answered at 40 s, agent hangs up at 220 s. */
    private static Contact answered() {
        return contact(Outcome.HANDLED_BY_AGENT,
                new MenuEntered(t(2), "main"),
                new Enqueued(t(10), "q", 2),
                new Offered(t(35), "q", "a1"),
                new AgentAnswered(t(40), "q", "a1"),
                new Ended(t(220), EndReason.AGENT_HANG_UP, Side.AGENT));
    }

    // ---- front door outcomes (no queue) ----

    @Test
    void mapsEachFrontDoorOutcome() {
        assertThat(JournalFacts.of(ended(Outcome.CLOSED_HOURS)).inOpeningHours()).isFalse();
        assertThat(JournalFacts.of(ended(Outcome.SELF_SERVICE_COMPLETED)).selfServiceCompleted()).isTrue();
        assertThat(JournalFacts.of(ended(Outcome.ABANDONED_IN_IVR)).abandonment())
                .contains(new Abandonment(Abandonment.Place.IVR, Duration.ofSeconds(42)));
        assertThat(JournalFacts.of(ended(Outcome.NO_INPUT)).abandonment()).isPresent();
        assertThat(JournalFacts.of(ended(Outcome.REFUSED_AT_CAPACITY)).refusedAtCapacity()).isTrue();
        assertThat(JournalFacts.of(ended(Outcome.TRANSFERRED)).transferred()).isTrue();
        ContactFacts failed = JournalFacts.of(ended(Outcome.FAILED));
        assertThat(failed.inOpeningHours()).isTrue();
        assertThat(failed.abandonment()).isEmpty();
        assertThat(failed.sourceKey()).startsWith("accueil:");
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"SELF_SERVICE_COMPLETED", "ABANDONED_IN_IVR", "CLOSED_HOURS",
            "REFUSED_AT_CAPACITY", "TRANSFERRED", "NO_INPUT", "FAILED", "INTERRUPTED"})
    void aFrontDoorContactWithoutQueueEventsIsNotPresented(Outcome outcome) {
        ContactFacts f = JournalFacts.of(ended(outcome));
        assertThat(f.enteredQueueOrAskedAgent()).isFalse();
        assertThat(f.connectedToAgent()).isFalse();
        assertThat(f.administration()).isEqualTo("caf");
        assertThat(f.number()).isEqualTo("0140000000");
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void everyOutcomeGivesConsistentFactsEvenWithoutEvents(Outcome outcome) {
        // The journal's close must never fail on its facts: an outcome without its events still maps.
        ContactFacts f = JournalFacts.of(ended(outcome));
        assertThat(f.receivedAt()).isEqualTo(START);
    }

    @Test
    void refusesAContactInProgress() {
        var open = new Contact(ContactId.random(), Channel.PHONE, "caf", "accueil", "01", "p", START,
                Optional.empty(), Optional.empty(), List.of());
        assertThatThrownBy(() -> JournalFacts.of(open)).hasMessageContaining("in progress");
    }

    // ---- queue outcomes ----

    @Test
    void handledByAgentIsPresentedAndHandledWithSpeedOfAnswerFromTheFirstQueueEntry() {
        Indicators ind = indicators(answered());
        assertRatio(ind.pickupRate(), 1, 1);
        assertRatio(ind.globalRate(), 1, 1);
        assertMeasure(ind.averageSpeedOfAnswer(), 1, 30_000);
        assertRatio(ind.serviceLevel(), 1, 1);
        assertRatio(ind.queueAbandons(), 0, 1);
    }

    @Test
    void speedOfAnswerCountsTheWholeWaitAcrossRingNoAnswerAndAQueueChange() {
        Contact c = contact(Outcome.HANDLED_BY_AGENT,
                new Enqueued(t(10), "q1", 5),
                new Offered(t(20), "q1", "a1"),
                new AgentNoAnswer(t(35), "a1", "no-answer"),
                new Overflowed(t(60), "q1", "queue:q2", "max-wait"),
                new Enqueued(t(60), "q2", 1),
                new AgentAnswered(t(85), "q2", "a2"),
                new Ended(t(100), EndReason.HANG_UP, Side.CALLER));
        Indicators ind = indicators(c);
        assertMeasure(ind.averageSpeedOfAnswer(), 1, 75_000);
        assertRatio(ind.serviceLevel(), 0, 1); // 75 s > T = 60 s
        assertRatio(ind.pickupRate(), 1, 1);
        assertMeasure(ind.averageHandlingTime(), 1, 15_000);
    }

    @Test
    void handlingTimeRunsFromTheAnswerToTheEnd() {
        assertMeasure(indicators(answered()).averageHandlingTime(), 1, 180_000);
    }

    @Test
    void handlingTimeStopsAtTheAgentsTransferAndTheCallCountsAsTransferred() {
        Contact c = contact(Outcome.HANDLED_BY_AGENT,
                new Enqueued(t(10), "q", 1),
                new AgentAnswered(t(20), "q", "a1"),
                new TransferredByAgent(t(140), "a1", "queue:etat-civil", "0f8fad5b-d9cb-469f-a165-70867728950e"),
                new Ended(t(145), EndReason.TRANSFERRED, Side.AGENT));
        Indicators ind = indicators(c);
        assertMeasure(ind.averageHandlingTime(), 1, 120_000);
        assertRatio(ind.transfers(), 1, 1);
        assertRatio(ind.pickupRate(), 1, 1);
    }

    @Test
    void handlingTimeLeavesOutTheSurveyAndTheWaitAfterALostAgent() {
        Contact c = contact(Outcome.HANDLED_BY_AGENT,
                new Enqueued(t(0), "q", 1),
                new AgentAnswered(t(10), "q", "a1"),
                new AgentLost(t(70), "a1", "no-rtp"),           // 60 s of talk
                new Enqueued(t(71), "q", 1),
                new AgentAnswered(t(100), "q", "a2"),
                new MenuEntered(t(190), "survey"),               // 90 s of talk
                new SurveyAnswered(t(200), 4),
                new Ended(t(201), EndReason.AGENT_HANG_UP, Side.AGENT));
        Indicators ind = indicators(c);
        assertMeasure(ind.averageHandlingTime(), 1, 150_000);
        assertMeasure(ind.averageSpeedOfAnswer(), 1, 10_000);
        assertRatio(ind.satisfaction(), 1, 1);
    }

    @Test
    void abandonedInQueueIsPresentedNotHandledWithTheWaitFromTheFirstEntry() {
        Contact c = contact(Outcome.ABANDONED_IN_QUEUE,
                new Enqueued(t(10), "q", 3),
                new Abandoned(t(55), "q", 45_000),
                new Ended(t(55), EndReason.HANG_UP, Side.CALLER));
        ContactFacts f = JournalFacts.of(c);
        assertThat(f.abandonment()).contains(new Abandonment(Abandonment.Place.QUEUE, Duration.ofSeconds(45)));
        Indicators ind = indicators(c, answered());
        assertRatio(ind.pickupRate(), 1, 2);
        assertRatio(ind.queueAbandons(), 1, 2);
        assertRatio(ind.ivrAbandons(), 0, 2);
    }

    @Test
    void aShortQueueAbandonIsExcludedFromPresentedUnderTheThreshold() {
        Contact quick = contact(Outcome.ABANDONED_IN_QUEUE,
                new Enqueued(t(10), "q", 1),
                new Abandoned(t(14), "q", 4_000),
                new Ended(t(14), EndReason.HANG_UP, Side.CALLER));
        Indicators ten = indicators(RULES.withShortAbandonThreshold(Duration.ofSeconds(5)), quick, answered());
        assertRatio(ten.pickupRate(), 1, 1);
        assertRatio(ten.shortAbandonsExcluded(), 1, 2);
        assertRatio(ten.queueAbandons(), 0, 1);
        assertRatio(indicators(quick, answered()).pickupRate(), 1, 2);
    }

    @Test
    void aHangUpWhileTheAgentsPhoneRangIsAQueueAbandonUntilTheEnd() {
        Contact c = contact(Outcome.ABANDONED_IN_QUEUE,
                new Enqueued(t(5), "q", 1),
                new Offered(t(8), "q", "a1"),
                new Ended(t(20), EndReason.HANG_UP, Side.CALLER));
        assertThat(JournalFacts.of(c).abandonment())
                .contains(new Abandonment(Abandonment.Place.QUEUE, Duration.ofSeconds(15)));
    }

    @Test
    void overflowedIsPresentedNotHandledAndNotAnAbandon() {
        Contact c = contact(Outcome.OVERFLOWED,
                new Enqueued(t(10), "q", 9),
                new Overflowed(t(310), "q", "message:demo/caf/rappel", "max-wait"),
                new MessagePlayed(t(330), "demo/caf/rappel", true),
                new Ended(t(331), EndReason.OVERFLOW, Side.SYSTEM));
        Indicators ind = indicators(c, answered());
        assertRatio(ind.pickupRate(), 1, 2);
        assertRatio(ind.queueAbandons(), 0, 2);
        assertRatio(ind.ivrAbandons(), 0, 2);
        assertRatio(ind.transfers(), 0, 2);
        assertRatio(ind.globalRate(), 1, 2);
        assertThat(JournalFacts.of(c).selfServiceCompleted()).isFalse();
    }

    @Test
    void aCompletedCallbackIsHandledOnceOnTheOriginalContactWithoutASpeedOfAnswer() {
        Contact c = contact(Outcome.CALLBACK_COMPLETED,
                new Enqueued(t(10), "q", 6),
                new CallbackRequested(t(90), "q", true),
                new CallbackAttempt(t(900), 1, "a1", "no-answer"),
                new CallbackAttempt(t(1500), 2, "a2", "reached"),
                new AgentAnswered(t(1510), "q", "a2"),
                new CallbackCompleted(t(1700), "a2"),
                new Ended(t(1700), EndReason.CALLBACK_DONE, Side.AGENT));
        Indicators ind = indicators(c);
        assertRatio(ind.pickupRate(), 1, 1);
        assertRatio(ind.callbackCompletion(), 1, 1);
        assertMeasure(ind.averageSpeedOfAnswer(), 0, 0);   // the citizen answering a callback is no speed of answer
        assertRatio(ind.serviceLevel(), 0, 1);
        assertMeasure(ind.averageHandlingTime(), 0, 0);
        assertRatio(ind.queueAbandons(), 0, 1);
        assertRatio(indicators(RULES.withCountCallbacks(false), c).pickupRate(), 0, 1);
    }

    @Test
    void aFailedCallbackIsPresentedAndNotHandled() {
        Contact c = contact(Outcome.CALLBACK_FAILED,
                new Enqueued(t(10), "q", 6),
                new CallbackRequested(t(90), "q", false),
                new CallbackAttempt(t(900), 1, "a1", "no-answer"),
                new CallbackAttempt(t(1500), 2, "a1", "busy"),
                new CallbackFailed(t(1500), 2, "attempts-exhausted"),
                new Ended(t(1500), EndReason.CALLBACK_DONE, Side.SYSTEM));
        Indicators ind = indicators(c, answered());
        assertRatio(ind.pickupRate(), 1, 2);
        assertRatio(ind.callbackCompletion(), 0, 1);
        assertRatio(ind.queueAbandons(), 0, 2);
    }

    @Test
    void aWebCallbackRequestWithoutQueueEntryIsPresented() {
        Contact web = new Contact(ContactId.random(), Channel.PHONE, "caf", "accueil", "", "pseudo", START,
                Optional.of(t(4000)), Optional.of(Outcome.CALLBACK_COMPLETED), List.of(
                        new CallbackRequested(START, "q", false),
                        new CallbackAttempt(t(3000), 1, "a1", "reached"),
                        new AgentAnswered(t(3010), "q", "a1"),
                        new CallbackCompleted(t(4000), "a1"),
                        new Ended(t(4000), EndReason.CALLBACK_DONE, Side.AGENT)));
        Contact failed = new Contact(ContactId.random(), Channel.PHONE, "caf", "accueil", "", "pseudo", START,
                Optional.of(t(4000)), Optional.of(Outcome.CALLBACK_FAILED), List.of(
                        new CallbackRequested(START, "q", false),
                        new CallbackFailed(t(4000), 3, "attempts-exhausted"),
                        new Ended(t(4000), EndReason.CALLBACK_DONE, Side.SYSTEM)));
        Indicators ind = indicators(web, failed);
        assertRatio(ind.pickupRate(), 1, 2);
        assertRatio(ind.callbackCompletion(), 1, 2);
    }

    @Test
    void aTechnicalFailureInTheQueueIsPresentedAndNotHandled() {
        Contact failed = contact(Outcome.FAILED,
                new Enqueued(t(10), "q", 1),
                new Ended(t(30), EndReason.MEDIA_TIMEOUT, Side.SYSTEM));
        Contact interrupted = contact(Outcome.INTERRUPTED,
                new Enqueued(t(10), "q", 1),
                new CallbackRequested(t(20), "q", true),
                new Ended(t(30), EndReason.INTERRUPTED, Side.SYSTEM));
        Contact inIvr = contact(Outcome.FAILED, new MenuEntered(t(1), "main"), new Ended(t(3), EndReason.ERROR, Side.SYSTEM));
        Indicators ind = indicators(failed, interrupted, inIvr);
        assertRatio(ind.pickupRate(), 0, 2);
        assertRatio(ind.callbackCompletion(), 0, 1);
        assertRatio(ind.globalRate(), 0, 3);
    }

    @Test
    void satisfactionComesFromTheLastSurveyAnswer() {
        Contact satisfied = contact(Outcome.HANDLED_BY_AGENT,
                new Enqueued(t(1), "q", 1), new AgentAnswered(t(2), "q", "a"), new SurveyAnswered(t(60), 5),
                new Ended(t(61), EndReason.HANG_UP, Side.CALLER));
        Contact unhappy = contact(Outcome.HANDLED_BY_AGENT,
                new Enqueued(t(1), "q", 1), new AgentAnswered(t(2), "q", "a"), new SurveyAnswered(t(60), 1),
                new Ended(t(61), EndReason.HANG_UP, Side.CALLER));
        Indicators ind = indicators(satisfied, unhappy, answered());
        assertRatio(ind.satisfaction(), 1, 2);
        assertThat(ind.netSatisfaction().satisfied()).isEqualTo(1);
        assertThat(ind.netSatisfaction().dissatisfied()).isEqualTo(1);
        assertThat(ind.netSatisfaction().answers()).isEqualTo(2);
    }

    @Test
    void aQueueContactOutsideOpeningHoursIsCountedApartOnly() {
        Contact c = contact(Outcome.CLOSED_HOURS, new MessagePlayed(t(10), "closed", true));
        Indicators ind = indicators(c, answered());
        assertRatio(ind.closedHoursCalls(), 1, 2);
        assertRatio(ind.pickupRate(), 1, 1);
    }

    @Test
    void aHandledContactWithoutItsAnswerEventStillCountsAsHandledWithNoInventedTimes() {
        Contact c = contact(Outcome.HANDLED_BY_AGENT, new Enqueued(t(10), "q", 1),
                new Ended(t(100), EndReason.AGENT_HANG_UP, Side.AGENT));
        Indicators ind = indicators(c);
        assertRatio(ind.pickupRate(), 1, 1);
        assertMeasure(ind.averageHandlingTime(), 0, 0);
    }

    @Test
    void aDayOfQueueContactsGivesTheExpectedRates() {
        Contact callbackReached = contact(Outcome.CALLBACK_COMPLETED, new Enqueued(t(1), "q", 1),
                new CallbackRequested(t(30), "q", true), new CallbackCompleted(t(600), "a"),
                new Ended(t(600), EndReason.CALLBACK_DONE, Side.AGENT));
        Contact callbackFailed = contact(Outcome.CALLBACK_FAILED, new Enqueued(t(1), "q", 1),
                new CallbackRequested(t(30), "q", true), new CallbackFailed(t(600), 3, "attempts-exhausted"),
                new Ended(t(600), EndReason.CALLBACK_DONE, Side.SYSTEM));
        Contact abandoned = contact(Outcome.ABANDONED_IN_QUEUE, new Enqueued(t(1), "q", 1),
                new Abandoned(t(91), "q", 90_000), new Ended(t(91), EndReason.HANG_UP, Side.CALLER));
        Contact overflowed = contact(Outcome.OVERFLOWED, new Enqueued(t(1), "q", 1),
                new Overflowed(t(301), "q", "number:+33140000001", "max-wait"), new Ended(t(302), EndReason.OVERFLOW, Side.SYSTEM));
        Contact selfService = contact(Outcome.SELF_SERVICE_COMPLETED, new MessagePlayed(t(20), "horaires", true),
                new Ended(t(21), EndReason.COMPLETED, Side.SYSTEM));
        Contact ivrAbandon = contact(Outcome.ABANDONED_IN_IVR, new MenuEntered(t(1), "main"),
                new Ended(t(5), EndReason.HANG_UP, Side.CALLER));
        Indicators ind = indicators(answered(), answered(), callbackReached, callbackFailed, abandoned, overflowed,
                selfService, ivrAbandon);
        // presented: 2 answered + 2 callbacks + 1 abandon + 1 overflow = 6; handled: 2 answered + 1 callback.
        assertRatio(ind.pickupRate(), 3, 6);
        assertRatio(ind.globalRate(), 4, 8);
        assertRatio(ind.queueAbandons(), 1, 6);
        assertRatio(ind.ivrAbandons(), 1, 8);
        assertRatio(ind.callbackCompletion(), 1, 2);
        assertMeasure(ind.averageSpeedOfAnswer(), 2, 60_000);
        assertRatio(ind.serviceLevel(), 2, 6);
    }
}
