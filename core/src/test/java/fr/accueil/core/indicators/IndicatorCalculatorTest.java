package fr.accueil.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule of the definition on a hand-built set of contacts, with exact numerators and denominators. */
class IndicatorCalculatorTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final RuleSet RULES = RuleSet.defaults("test-1");
    private int seq;

    private ContactFacts.Builder call() {
        return ContactFacts.builder("t:" + (++seq), "caf", "accueil", "0140000000", Channel.PHONE,
                T0.plusSeconds(seq));
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static Indicators compute(RuleSet rules, List<ContactFacts> facts) {
        return new IndicatorCalculator(rules).total(facts);
    }

    private static void assertRatio(Ratio r, long numerator, long denominator) {
        assertThat(r.numerator()).as("numerator").isEqualTo(numerator);
        assertThat(r.denominator()).as("denominator").isEqualTo(denominator);
        assertThat(r.ruleSetVersion()).isNotBlank();
    }

    @Test
    void pickupRateIsHandledOverPresentedWithCallbacksCountedOnceOnTheOriginalCall() {
        var facts = List.of(
                call().answeredAfter(s(20)).handledFor(s(180)).build(),
                call().answeredAfter(s(90)).handledFor(s(60)).build(),
                call().abandonedInQueue(s(45)).build(),
                call().callbackReached().build(),     // callback succeeded: handled
                call().callbackRequested().build(),   // callback failed: presented, not handled
                call().enteredQueueOrAskedAgent().build());          // left the queue on time-out
        Indicators ind = compute(RULES, facts);
        assertRatio(ind.pickupRate(), 3, 6);
        assertRatio(ind.callbackCompletion(), 1, 2);
        assertRatio(ind.queueAbandons(), 1, 6);
        assertThat(ind.pickupRate().ruleSetVersion()).isEqualTo("test-1");
    }

    @Test
    void callbacksAreNotHandledWhenTheRuleSetDoesNotCountThem() {
        var facts = List.of(call().answeredAfter(s(5)).build(), call().callbackReached().build());
        assertRatio(compute(RULES.withCountCallbacks(false), facts).pickupRate(), 1, 2);
        assertRatio(compute(RULES, facts).pickupRate(), 2, 2);
    }

    @Test
    void shortAbandonsAreExcludedOnlyUnderTheThreshold() {
        var facts = List.of(
                call().answeredAfter(s(3)).build(),
                call().abandonedInQueue(s(0)).build(),
                call().abandonedInQueue(s(9)).build(),
                call().abandonedInQueue(s(10)).build(),  // not shorter than 10 s: stays presented
                call().abandonedInQueue(s(30)).build());
        Indicators zero = compute(RULES, facts);
        assertRatio(zero.pickupRate(), 1, 5);
        assertRatio(zero.queueAbandons(), 4, 5);
        assertRatio(zero.shortAbandonsExcluded(), 0, 5);

        Indicators ten = compute(RULES.withShortAbandonThreshold(s(10)), facts);
        assertRatio(ten.pickupRate(), 1, 3);
        assertRatio(ten.queueAbandons(), 2, 3);
        assertRatio(ten.shortAbandonsExcluded(), 2, 5);
        assertRatio(ten.globalRate(), 1, 5);
    }

    @Test
    void closedHoursCallsAreCountedApartAndInNoRate() {
        var facts = List.of(
                call().answeredAfter(s(10)).build(),
                call().outsideOpeningHours().build(),
                call().outsideOpeningHours().build(),
                call().selfServiceCompleted().build());
        Indicators ind = compute(RULES, facts);
        assertRatio(ind.closedHoursCalls(), 2, 4);
        assertRatio(ind.pickupRate(), 1, 1);
        assertRatio(ind.globalRate(), 2, 2);
        assertRatio(ind.ivrAbandons(), 0, 2);
    }

    @Test
    void selfServiceIsOutOfThePickupRateButInTheGlobalRate() {
        var facts = List.of(
                call().selfServiceCompleted().build(),
                call().selfServiceCompleted().build(),
                call().abandonedInIvr(s(12)).build(),
                call().answeredAfter(s(10)).build(),
                call().abandonedInQueue(s(40)).build());
        Indicators ind = compute(RULES, facts);
        assertRatio(ind.pickupRate(), 1, 2);
        assertRatio(ind.globalRate(), 3, 5);
        assertRatio(ind.ivrAbandons(), 1, 5);
    }

    @Test
    void transfersByTheIvrAreNotPresentedWhileAgentTransfersStayHandled() {
        var facts = List.of(
                call().transferred().build(),                                        // IVR sent it elsewhere
                call().answeredAfter(s(15)).handledFor(s(100)).transferred().build(), // agent passed it on
                call().abandonedInQueue(s(50)).build());
        Indicators ind = compute(RULES, facts);
        assertRatio(ind.pickupRate(), 1, 2);
        assertRatio(ind.transfers(), 2, 3);
        assertRatio(ind.globalRate(), 1, 3);
    }

    @Test
    void saturationRefusalsAreNotPresentedButWeighOnTheGlobalRate() {
        var facts = List.of(
                call().refusedAtCapacity().build(),
                call().refusedAtCapacity().build(),
                call().answeredAfter(s(10)).build());
        Indicators ind = compute(RULES, facts);
        assertRatio(ind.saturationRefusals(), 2, 3);
        assertRatio(ind.pickupRate(), 1, 1);
        assertRatio(ind.globalRate(), 1, 3);
    }

    @Test
    void speedOfAnswerServiceLevelAndHandlingTime() {
        var facts = List.of(
                call().answeredAfter(s(10)).handledFor(s(100)).build(),
                call().answeredAfter(s(60)).handledFor(s(200)).build(),  // exactly T: within
                call().answeredAfter(s(61)).build(),                     // handling time unknown
                call().abandonedInQueue(s(120)).build());
        Indicators ind = compute(RULES, facts);
        assertThat(ind.averageSpeedOfAnswer()).isEqualTo(new Measure(3, 131_000, "test-1"));
        assertThat(ind.averageSpeedOfAnswer().average()).contains(Duration.ofMillis(43_666));
        assertRatio(ind.serviceLevel(), 2, 4);
        assertThat(ind.averageHandlingTime()).isEqualTo(new Measure(2, 300_000, "test-1"));
        assertRatio(compute(RULES.withServiceLevelTarget(s(20)), facts).serviceLevel(), 1, 4);
    }

    @Test
    void satisfactionIsTheShareOfFourAndFiveAndNetSubtractsOneAndTwo() {
        var facts = List.of(
                call().answeredAfter(s(1)).satisfaction(5).build(),
                call().answeredAfter(s(1)).satisfaction(4).build(),
                call().answeredAfter(s(1)).satisfaction(3).build(),
                call().answeredAfter(s(1)).satisfaction(2).build(),
                call().answeredAfter(s(1)).satisfaction(1).build(),
                call().answeredAfter(s(1)).satisfaction(5).build(),
                call().answeredAfter(s(1)).build());
        Indicators ind = compute(RULES, facts);
        assertRatio(ind.satisfaction(), 3, 6);
        assertThat(ind.netSatisfaction()).isEqualTo(new NetScore(3, 2, 6, "test-1"));
        assertThat(ind.netSatisfaction().value().getAsDouble()).isEqualTo(1.0 / 6);
    }

    @Test
    void nothingToDivideIsNotAvailableRatherThanZero() {
        Indicators ind = compute(RULES, List.of(call().outsideOpeningHours().build()));
        assertThat(ind.pickupRate().available()).isFalse();
        assertThat(ind.pickupRate().value()).isEmpty();
        assertThat(ind.globalRate().value()).isEmpty();
        assertThat(ind.averageSpeedOfAnswer().average()).isEmpty();
        assertThat(ind.netSatisfaction().value()).isEmpty();
        assertThat(ind.closedHoursCalls().value()).hasValue(1.0);
    }

    @Test
    void groupsByTheAskedDimensionsAndPeriods() {
        var a = ContactFacts.builder("k1", "caf", "accueil", "01", Channel.PHONE, T0).answeredAfter(s(1)).build();
        var b = ContactFacts.builder("k2", "caf", "retraite", "02", Channel.PHONE, T0).enteredQueueOrAskedAgent().build();
        var c = ContactFacts.builder("k3", "urssaf", "accueil", "03", Channel.PHONE, T0.plus(Duration.ofDays(1)))
                .answeredAfter(s(1)).build();
        var calc = new IndicatorCalculator(RULES);
        var byAdmin = calc.compute(List.of(a, b, c), Query.overall(Set.of(Dimension.ADMINISTRATION)));
        assertThat(byAdmin).hasSize(2);
        assertRatio(byAdmin.get(new Slice(Instant.EPOCH, new GroupKey("caf", "*", "*", "*"))).pickupRate(), 1, 2);
        var byDay = calc.compute(List.of(a, b, c), new Query(Set.of(), Period.DAY, java.time.ZoneId.of("Europe/Paris"),
                T0.minus(Duration.ofDays(7)), T0.plus(Duration.ofDays(7))));
        assertThat(byDay.keySet()).extracting(Slice::periodStart)
                .containsExactlyInAnyOrder(Instant.parse("2026-03-01T23:00:00Z"), Instant.parse("2026-03-02T23:00:00Z"));
    }

    @Test
    void contradictoryFactsAreRejected() {
        assertThatThrownBy(() -> call().answeredAfter(s(1)).abandonedInQueue(s(2)).build())
                .hasMessageContaining("both connected to an agent and abandoned");
        assertThatThrownBy(() -> call().selfServiceCompleted().enteredQueueOrAskedAgent().build())
                .hasMessageContaining("self-service");
        assertThatThrownBy(() -> call().abandonedInIvr(s(1)).enteredQueueOrAskedAgent().build())
                .hasMessageContaining("abandon place IVR");
        assertThatThrownBy(() -> call().refusedAtCapacity().abandonedInIvr(s(1)).build())
                .hasMessageContaining("refused at capacity");
        assertThatThrownBy(() -> call().handledFor(s(1)).build()).hasMessageContaining("handling time");
        assertThatThrownBy(() -> call().answeredAfter(s(1)).satisfaction(6).build()).hasMessageContaining("outside 1..5");
        assertThatThrownBy(() -> call().callbackRequested().abandonedInQueue(s(3)).build())
                .hasMessageContaining("callback");
    }

    @Test
    void ruleSetAndFiguresValidateTheirInputs() {
        assertThatThrownBy(() -> RULES.withServiceLevelTarget(Duration.ZERO)).hasMessageContaining("serviceLevelTarget");
        assertThatThrownBy(() -> RULES.withShortAbandonThreshold(s(-1))).hasMessageContaining("shortAbandonThreshold");
        assertThatThrownBy(() -> new RuleSet.SatisfactionScale(3, 3)).hasMessageContaining("dissatisfiedUpTo");
        assertThatThrownBy(() -> new Ratio(3, 2, "v")).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> new Measure(0, 5, "v")).hasMessageContaining("without observations");
    }
}
