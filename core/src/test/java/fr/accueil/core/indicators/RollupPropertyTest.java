package fr.accueil.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Roll-ups equal recomputation: for random contacts, rule sets, groupings, periods and ranges, the
 * indicators read from merged quarter-hour roll-ups equal those computed from the raw facts, and
 * adding contacts in any order or in several accumulators then merging gives the same roll-ups.
 */
class RollupPropertyTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Spans DST changes and a leap day, so calendar periods of every kind are crossed. */
    private static final Instant FIRST = Instant.parse("2027-12-20T00:00:00Z");
    private static final long SPAN_SECONDS = Duration.ofDays(800).toSeconds();

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void rollupsEqualRecomputationForAnyGroupingPeriodAndOrder(long seed) {
        Random random = new Random(seed);
        RuleSet rules = randomRules(random);
        List<ContactFacts> facts = randomFacts(random, 1 + random.nextInt(400));

        RollupAccumulator batch = new RollupAccumulator(rules);
        facts.forEach(batch::add);

        List<ContactFacts> shuffled = new ArrayList<>(facts);
        Collections.shuffle(shuffled, random);
        int parts = 1 + random.nextInt(5);
        List<RollupAccumulator> partials = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            partials.add(new RollupAccumulator(rules));
        }
        shuffled.forEach(f -> partials.get(random.nextInt(parts)).add(f));
        RollupAccumulator merged = new RollupAccumulator(rules);
        Collections.shuffle(partials, random);
        partials.forEach(merged::merge);

        assertThat(merged.rollups()).isEqualTo(batch.rollups());

        IndicatorCalculator direct = new IndicatorCalculator(rules);
        for (int q = 0; q < 5; q++) {
            Query query = randomQuery(random);
            var expected = direct.compute(facts, query);
            assertThat(merged.compute(query)).as("query %s", query).isEqualTo(expected);
            long expectedContacts = facts.stream().filter(f -> query.covers(f.receivedAt())).count();
            assertThat(expected.values().stream().mapToLong(i -> i.tallies().received()).sum())
                    .isEqualTo(expectedContacts);
        }
    }

    @Test
    void storedRollupsReloadIntoTheSameIndicators() {
        Random random = new Random(42);
        RuleSet rules = RuleSet.defaults("v");
        RollupAccumulator live = new RollupAccumulator(rules);
        randomFacts(random, 300).forEach(live::add);
        RollupAccumulator reloaded = new RollupAccumulator(rules);
        live.rollups().forEach(reloaded::add);
        Query query = new Query(Set.of(Dimension.SERVICE), Period.MONTH, PARIS, FIRST, FIRST.plusSeconds(SPAN_SECONDS));
        assertThat(reloaded.compute(query)).isEqualTo(live.compute(query)).isNotEmpty();
    }

    @Test
    void rollupsOfAnotherRuleSetDoNotMerge() {
        RollupAccumulator a = new RollupAccumulator(RuleSet.defaults("2026-1"));
        RollupAccumulator b = new RollupAccumulator(RuleSet.defaults("2026-2"));
        assertThatThrownBy(() -> a.merge(b)).hasMessageContaining("recompute");
    }

    @Test
    void queryBoundsMustFallOnQuarterHours() {
        assertThatThrownBy(() -> new Query(Set.of(), Period.DAY, PARIS, FIRST.plusSeconds(60), FIRST.plusSeconds(900 * 4)))
                .hasMessageContaining("quarter hours");
    }

    private static RuleSet randomRules(Random r) {
        return RuleSet.defaults("p-" + r.nextInt(1000))
                .withShortAbandonThreshold(Duration.ofSeconds(r.nextBoolean() ? 0 : r.nextInt(20)))
                .withServiceLevelTarget(Duration.ofSeconds(1 + r.nextInt(120)))
                .withCountCallbacks(r.nextBoolean());
    }

    private static Query randomQuery(Random r) {
        Set<Dimension> grouping = EnumSet.noneOf(Dimension.class);
        for (Dimension d : Dimension.values()) {
            if (r.nextBoolean()) {
                grouping.add(d);
            }
        }
        Period period = Period.values()[r.nextInt(Period.values().length)];
        long quarters = SPAN_SECONDS / Period.QUARTER_HOUR_SECONDS;
        long a = r.nextLong(quarters);
        long b = r.nextLong(quarters);
        Instant from = FIRST.plusSeconds(Math.min(a, b) * Period.QUARTER_HOUR_SECONDS);
        Instant to = FIRST.plusSeconds((Math.max(a, b) + 1) * Period.QUARTER_HOUR_SECONDS);
        if (r.nextInt(4) == 0) {
            from = FIRST.minus(Duration.ofDays(1));
            to = FIRST.plusSeconds(SPAN_SECONDS + 86_400);
        }
        return new Query(grouping, period, PARIS, from, to);
    }

    static List<ContactFacts> randomFacts(Random r, int n) {
        String[] admins = {"caf", "urssaf", "mairie-lyon"};
        String[] services = {"accueil", "retraite"};
        String[] numbers = {"0140000000", "0150000000", "3939"};
        List<ContactFacts> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // Cluster some contacts around period edges (midnight, DST nights) to stress bucketing.
            Instant at = FIRST.plusMillis((long) (r.nextDouble() * SPAN_SECONDS * 1000));
            if (r.nextInt(4) == 0) {
                at = at.atZone(PARIS).toLocalDate().atStartOfDay(PARIS).toInstant()
                        .plusSeconds(r.nextInt(1800) - 900);
            }
            if (r.nextInt(3) == 0) {
                // Accueil's own queue contacts, read from their outcome and events as the server does.
                out.add(JournalFacts.of(randomJournalContact(r, at, admins[r.nextInt(admins.length)],
                        services[r.nextInt(services.length)], numbers[r.nextInt(numbers.length)])));
                continue;
            }
            var b = ContactFacts.builder("r:" + i, admins[r.nextInt(admins.length)], services[r.nextInt(services.length)],
                    numbers[r.nextInt(numbers.length)], Channel.PHONE, at);
            Duration wait = Duration.ofMillis(r.nextInt(180_000));
            switch (r.nextInt(10)) {
                case 0 -> b.outsideOpeningHours();
                case 1 -> b.selfServiceCompleted();
                case 2 -> b.abandonedInIvr(wait);
                case 3 -> b.abandonedInQueue(Duration.ofSeconds(r.nextInt(30)));
                case 4 -> b.refusedAtCapacity();
                case 5 -> b.callbackRequested();
                case 6 -> b.callbackReached();
                case 7 -> b.enteredQueueOrAskedAgent();
                case 8 -> b.transferred();
                default -> {
                    b.answeredAfter(wait);
                    if (r.nextBoolean()) {
                        b.handledFor(Duration.ofMillis(r.nextInt(900_000)));
                    }
                    if (r.nextBoolean()) {
                        b.transferred();
                    }
                    if (r.nextBoolean()) {
                        b.satisfaction(1 + r.nextInt(5));
                    }
                }
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * A closed journal contact of any outcome with plausible queue events: waits, rings without answer,
     * lost agents, overflows, callbacks with attempts, transfers, surveys, and sometimes missing events.
     */
    static Contact randomJournalContact(Random r, Instant at, String administration, String service, String number) {
        Outcome outcome = Outcome.values()[r.nextInt(Outcome.values().length)];
        List<ContactEvent> events = new ArrayList<>();
        Instant now = at;
        events.add(new ContactEvent.Received(now, number, number));
        now = now.plusMillis(r.nextInt(20_000));
        boolean web = r.nextInt(8) == 0;
        boolean queued = switch (outcome) {
            case HANDLED_BY_AGENT, ABANDONED_IN_QUEUE, OVERFLOWED, CALLBACK_COMPLETED, CALLBACK_FAILED -> true;
            case FAILED, INTERRUPTED -> r.nextBoolean();
            default -> false;
        };
        if (queued && !(web && (outcome == Outcome.CALLBACK_COMPLETED || outcome == Outcome.CALLBACK_FAILED))
                && r.nextInt(10) > 0) {
            events.add(new ContactEvent.Enqueued(now, "q", 1 + r.nextInt(10)));
        }
        int rings = queued ? r.nextInt(3) : 0;
        for (int k = 0; k < rings; k++) {
            now = now.plusMillis(r.nextInt(30_000));
            events.add(new ContactEvent.Offered(now, "q", "a" + k));
            now = now.plusMillis(r.nextInt(20_000));
            events.add(new ContactEvent.AgentNoAnswer(now, "a" + k, "no-answer"));
        }
        now = now.plusMillis(r.nextInt(120_000));
        switch (outcome) {
            case HANDLED_BY_AGENT -> {
                if (r.nextInt(10) > 0) {
                    events.add(new ContactEvent.AgentAnswered(now, "q", "a"));
                }
                if (r.nextInt(4) == 0) {
                    now = now.plusMillis(r.nextInt(60_000));
                    events.add(new ContactEvent.AgentLost(now, "a", "no-rtp"));
                    now = now.plusMillis(r.nextInt(30_000));
                    events.add(new ContactEvent.AgentAnswered(now, "q", "b"));
                }
                now = now.plusMillis(r.nextInt(600_000));
                if (r.nextInt(4) == 0) {
                    events.add(new ContactEvent.TransferredByAgent(now, "a", "queue:other", null));
                }
                if (r.nextInt(3) == 0) {
                    now = now.plusMillis(r.nextInt(10_000));
                    events.add(new ContactEvent.SurveyAnswered(now, 1 + r.nextInt(5)));
                }
            }
            case ABANDONED_IN_QUEUE -> {
                if (r.nextBoolean()) {
                    events.add(new ContactEvent.Abandoned(now, "q", r.nextInt(120_000)));
                }
            }
            case OVERFLOWED -> events.add(new ContactEvent.Overflowed(now, "q", "number:+33140000000", "max-wait"));
            case CALLBACK_COMPLETED, CALLBACK_FAILED -> {
                events.add(new ContactEvent.CallbackRequested(now, "q", r.nextBoolean()));
                int attempts = 1 + r.nextInt(3);
                for (int k = 1; k <= attempts; k++) {
                    now = now.plusMillis(r.nextInt(900_000));
                    boolean last = k == attempts;
                    boolean reached = last && outcome == Outcome.CALLBACK_COMPLETED;
                    events.add(new ContactEvent.CallbackAttempt(now, k, "a", reached ? "reached" : "no-answer"));
                    if (reached) {
                        events.add(new ContactEvent.AgentAnswered(now.plusMillis(r.nextInt(20_000)), "q", "a"));
                    }
                }
                now = now.plusMillis(r.nextInt(300_000));
                events.add(outcome == Outcome.CALLBACK_COMPLETED
                        ? new ContactEvent.CallbackCompleted(now, "a")
                        : new ContactEvent.CallbackFailed(now, attempts, "attempts-exhausted"));
            }
            case FAILED, INTERRUPTED -> {
                if (queued && r.nextBoolean()) {
                    events.add(new ContactEvent.CallbackRequested(now, "q", true));
                }
            }
            default -> events.add(new ContactEvent.MenuEntered(now, "main"));
        }
        Instant end = now.plusMillis(r.nextInt(2_000));
        if (r.nextInt(10) > 0) {
            events.add(new ContactEvent.Ended(end, EndReason.values()[r.nextInt(EndReason.values().length)], Side.SYSTEM));
        }
        return new Contact(new ContactId(new UUID(r.nextLong(), r.nextLong())), Channel.PHONE, administration, service,
                number, "pseudo", at, Optional.of(end), Optional.of(outcome), events);
    }
}
