package fr.accueil.server.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.Dimension;
import fr.accueil.core.indicators.JournalFacts;
import fr.accueil.core.indicators.IndicatorCalculator;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.Rollup;
import fr.accueil.core.indicators.RollupAccumulator;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.indicators.internal.Recomputation;
import fr.accueil.server.indicators.internal.RollupStore;
import fr.accueil.server.indicators.internal.RollupUpkeep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Roll-ups kept as contacts end (through the real journal, in its transactions, with concurrent
 * callers) and as records are imported equal roll-ups recomputed from the raw contacts and imported
 * records, row by row; and reports read from them equal the reference calculator on the facts. Run
 * per database by a subclass that gives a fresh, migrated DataSource per call of {@link #freshDatabase}.
 */
abstract class RollupStoreContract {
    static final Instant DAY0 = Instant.parse("2026-03-27T00:00:00Z"); // spans the change to summer time (29 March)
    static final RuleSet RULES = RuleSet.defaults("test-1").withShortAbandonThreshold(Duration.ofSeconds(5));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-02T00:00:00Z"), ZoneId.of("UTC"));

    abstract DataSource freshDatabase();

    @Test
    void incremental_rollups_equal_recompute_for_random_contacts_and_imports() throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            checkSeed(seed);
        }
    }

    private void checkSeed(long seed) throws Exception {
        Random random = new Random(seed);
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, ZoneId.of("Europe/Paris"));
        List<ContactFacts> all = new ArrayList<>();
        List<ContactStart> leftOpen = new ArrayList<>();
        try (JdbcContactJournal journal = new JdbcContactJournal(db, 4096, 1 + random.nextInt(50), new RollupUpkeep(store, RULES))) {
            int contacts = 150 + random.nextInt(150);
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<ContactFacts>> closed = new ArrayList<>();
            for (int i = 0; i < contacts; i++) {
                ContactStart start = randomStart(random);
                Outcome outcome = randomOutcome(random);
                List<ContactEvent> events = randomEvents(random, start.startedAt(), outcome);
                Instant ended = events.getLast().at().plusMillis(random.nextInt(2_000));
                if (random.nextInt(20) == 0) {
                    leftOpen.add(start);
                    journal.open(start);
                    continue;
                }
                closed.add(callers.submit(() -> {
                    journal.open(start);
                    events.forEach(e -> journal.append(start.id(), e));
                    journal.close(start.id(), outcome, ended);
                    // The database keeps the end time to the microsecond (the events keep theirs in full).
                    return JournalFacts.of(new Contact(start.id(), start.channel(), start.administration(), start.service(),
                            start.dialled(), start.caller(), start.startedAt(),
                            Optional.of(ended.truncatedTo(java.time.temporal.ChronoUnit.MICROS)), Optional.of(outcome), events));
                }));
            }
            callers.shutdown();
            assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (var f : closed) {
                all.add(f.get());
            }
            journal.flush();
        }
        // A restart closes what the previous process left open; those count too (technical failures).
        try (JdbcContactJournal restarted = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
            assertThat(restarted.closeInterrupted(CLOCK.instant())).isEqualTo(leftOpen.size());
        }
        for (ContactStart s : leftOpen) {
            all.add(JournalFacts.of(new Contact(s.id(), s.channel(), s.administration(), s.service(), s.dialled(), s.caller(),
                    s.startedAt(), Optional.of(CLOCK.instant()), Optional.of(Outcome.INTERRUPTED), List.of())));
        }
        ImportedFacts imports = new ImportedFacts(store, RULES, CLOCK);
        List<ContactFacts> imported = new ArrayList<>();
        for (int i = 0; i < 100 + random.nextInt(100); i++) {
            imported.add(randomImported(random, "csv:" + seed + "-" + i));
        }
        imports.add("csv", imported.subList(0, imported.size() / 2));
        // The second batch repeats a few of the first: they are duplicates and add nothing.
        List<ContactFacts> second = new ArrayList<>(imported.subList(imported.size() / 2, imported.size()));
        second.addAll(imported.subList(0, 5));
        ImportedFacts.BatchResult result = imports.add("csv", second);
        assertThat(result.duplicates()).isEqualTo(5);
        all.addAll(imported);

        List<Rollup> incremental = store.all(RULES.version());
        RollupAccumulator expected = new RollupAccumulator(RULES);
        all.forEach(expected::add);
        assertThat(incremental).as("seed %d: incremental roll-ups equal the facts rolled up in memory", seed)
                .containsExactlyElementsOf(expected.rollups());

        List<RollupStore.DayRollup> incrementalDays = store.allDays(RULES.version());
        Map<List<Object>, fr.accueil.core.indicators.Tallies> expectedDays = new java.util.HashMap<>();
        for (Rollup r : expected.rollups()) {
            expectedDays.merge(List.of(java.time.LocalDate.ofInstant(r.key().bucketStart(), ZoneId.of("Europe/Paris")),
                    r.key().administration(), r.key().service(), r.key().number(), r.key().channel()), r.tallies(),
                    fr.accueil.core.indicators.Tallies::plus);
        }
        assertThat(incrementalDays).hasSize(expectedDays.size()).allSatisfy(d -> assertThat(d.tallies()).isEqualTo(
                expectedDays.get(List.of(d.day(), d.administration(), d.service(), d.number(), d.channel()))));

        Recomputation.Result recomputed = new Recomputation(store, RULES, CLOCK).run();
        assertThat(recomputed.contacts() + recomputed.importedRecords()).isEqualTo(all.size());
        assertThat(store.all(RULES.version())).as("seed %d: recompute equals incremental, row by row", seed)
                .containsExactlyElementsOf(incremental);
        assertThat(store.allDays(RULES.version())).as("seed %d: day roll-ups too", seed).containsExactlyElementsOf(incrementalDays);

        IndicatorCalculator reference = new IndicatorCalculator(RULES);
        RollupIndicatorQueries queries = new RollupIndicatorQueries(store, RULES);
        for (Period period : Period.values()) {
            Set<Dimension> grouping = randomGrouping(random);
            Instant from = DAY0.plusSeconds(Period.QUARTER_HOUR_SECONDS * random.nextInt(200));
            Instant to = from.plusSeconds(Period.QUARTER_HOUR_SECONDS * random.nextInt(700));
            for (ZoneId zone : List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/Cayenne"), ZoneId.of("Asia/Kolkata"))) {
                Query query = new Query(grouping, period, zone, from, to);
                Map<Slice, Indicators> got = queries.compute(query);
                assertThat(got).as("seed %d, %s", seed, query).isEqualTo(reference.compute(all, query));
            }
        }
        Query everything = Query.overall(Set.of(Dimension.ADMINISTRATION));
        assertThat(queries.compute(everything)).isEqualTo(reference.compute(all, everything));
        IndicatorFilter oneService = new IndicatorFilter(Optional.of("mairie"), Optional.of("etat-civil"), Optional.empty(),
                Optional.of(Channel.PHONE));
        Query byDay = new Query(Set.of(Dimension.SERVICE), Period.DAY, ZoneId.of("Europe/Paris"), DAY0, DAY0.plus(Duration.ofDays(5)));
        List<ContactFacts> kept = all.stream().filter(f -> f.administration().equals("mairie") && f.service().equals("etat-civil")).toList();
        assertThat(queries.compute(byDay, oneService)).isEqualTo(reference.compute(kept, byDay));
    }

    /** Any outcome but INTERRUPTED, which only the restart gives. */
    private static Outcome randomOutcome(Random random) {
        Outcome outcome;
        do {
            outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
        } while (outcome == Outcome.INTERRUPTED);
        return outcome;
    }

    /** The events of a contact with that outcome: queue waits, answers, callbacks, surveys, with sub-millisecond times. */
    private static List<ContactEvent> randomEvents(Random random, Instant start, Outcome outcome) {
        List<ContactEvent> events = new ArrayList<>();
        Instant now = start;
        events.add(new ContactEvent.Received(now, "+33199000100", "0199000100"));
        now = now.plusNanos(random.nextLong(20_000_000_000L));
        switch (outcome) {
            case HANDLED_BY_AGENT, ABANDONED_IN_QUEUE, OVERFLOWED, CALLBACK_COMPLETED, CALLBACK_FAILED -> {
                events.add(new ContactEvent.Enqueued(now, "q", 1 + random.nextInt(9)));
                now = now.plusNanos(random.nextLong(120_000_000_000L));
            }
            default -> { }
        }
        switch (outcome) {
            case HANDLED_BY_AGENT -> {
                events.add(new ContactEvent.AgentAnswered(now, "q", "a"));
                now = now.plusNanos(random.nextLong(600_000_000_000L));
                if (random.nextBoolean()) {
                    events.add(new ContactEvent.SurveyAnswered(now, 1 + random.nextInt(5)));
                }
            }
            case ABANDONED_IN_QUEUE -> events.add(new ContactEvent.Abandoned(now, "q", 0));
            case OVERFLOWED -> events.add(new ContactEvent.Overflowed(now, "q", "queue:other", "max-wait"));
            case CALLBACK_COMPLETED, CALLBACK_FAILED -> {
                events.add(new ContactEvent.CallbackRequested(now, "q", true));
                now = now.plusNanos(random.nextLong(900_000_000_000L));
                events.add(outcome == Outcome.CALLBACK_COMPLETED ? new ContactEvent.CallbackCompleted(now, "a")
                        : new ContactEvent.CallbackFailed(now, 3, "attempts-exhausted"));
            }
            default -> events.add(new ContactEvent.MenuEntered(now, "main"));
        }
        return events;
    }

    private static Set<Dimension> randomGrouping(Random random) {
        Set<Dimension> grouping = EnumSet.noneOf(Dimension.class);
        for (Dimension d : Dimension.values()) {
            if (random.nextBoolean()) {
                grouping.add(d);
            }
        }
        return grouping;
    }

    private static final String[][] SERVICES = {{"mairie", "etat-civil"}, {"mairie", "urbanisme"}, {"caf", "prestations"},
            {"caf", "etat-civil"}};

    private static ContactStart randomStart(Random random) {
        String[] s = SERVICES[random.nextInt(SERVICES.length)];
        Instant at = DAY0.plusMillis((long) random.nextInt(5 * 86_400) * 1000 + random.nextInt(1000));
        return new ContactStart(ContactId.random(), Channel.PHONE, s[0], s[1], "+3319900010" + random.nextInt(3), "c", at);
    }

    private static ContactFacts randomImported(Random random, String key) {
        String[] s = SERVICES[random.nextInt(SERVICES.length)];
        Instant at = DAY0.plusMillis((long) random.nextInt(5 * 86_400) * 1000);
        var b = ContactFacts.builder(key, s[0], s[1], "+3319900020" + random.nextInt(2), Channel.PHONE, at);
        switch (random.nextInt(7)) {
            case 0 -> b.outsideOpeningHours();
            case 1 -> {
                b.answeredAfter(Duration.ofMillis(random.nextInt(120_000)));
                if (random.nextBoolean()) {
                    b.handledFor(Duration.ofMillis(random.nextInt(600_000)));
                }
                if (random.nextBoolean()) {
                    b.satisfaction(1 + random.nextInt(5));
                }
            }
            case 2 -> b.abandonedInQueue(Duration.ofMillis(random.nextInt(20_000)));
            case 3 -> {
                if (random.nextBoolean()) {
                    b.callbackReached();
                } else {
                    b.callbackRequested();
                }
            }
            case 4 -> b.abandonedInIvr(Duration.ofSeconds(random.nextInt(60)));
            case 5 -> b.refusedAtCapacity();
            default -> b.selfServiceCompleted();
        }
        if (random.nextInt(10) == 0) {
            b.transferred();
        }
        return b.build();
    }
}
