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
import fr.accueil.core.indicators.Tallies;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.indicators.internal.Recomputation;
import fr.accueil.server.indicators.internal.RollupStore;
import fr.accueil.server.indicators.internal.RollupUpkeep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
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
        LocalDate sealDay = LocalDate.of(2026, 3, 26).plusDays(random.nextInt(7));
        try (JdbcContactJournal journal = new JdbcContactJournal(db, 4096, 1 + random.nextInt(50), new RollupUpkeep(store, RULES))) {
            int contacts = 150 + random.nextInt(150);
            // Sealing at a random point of the writes, through a random day of the data (or the day before
            // it): the contacts closed after it that fall on sealed days update day rows (late contacts).
            int sealAt = random.nextInt(contacts);
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<ContactFacts>> closed = new ArrayList<>();
            for (int i = 0; i < contacts; i++) {
                if (i == sealAt) {
                    store.sealThrough(RULES.version(), sealDay);
                }
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

        Map<List<Object>, Tallies> expectedDays = daySums(expected.rollups());
        LocalDate sealed = store.sealedThrough(RULES.version()).orElseThrow();
        assertThat(sealed).isEqualTo(sealDay);
        assertThat(store.allDays(RULES.version())).as("seed %d: day rows for the sealed days only, exact", seed)
                .allSatisfy(d -> assertThat(d.day()).isBeforeOrEqualTo(sealed))
                .hasSize((int) expectedDays.keySet().stream().filter(k -> !((LocalDate) k.get(0)).isAfter(sealed)).count())
                .allSatisfy(d -> assertThat(d.tallies()).isEqualTo(expectedDays.get(dayKey(d))));
        assertReportsEqualTheReference(seed, random, store, all);

        LocalDate yesterday = store.yesterday(CLOCK);
        assertThat(store.sealThrough(RULES.version(), yesterday)).as("the data has contacts every day")
                .isEqualTo((int) ChronoUnit.DAYS.between(sealDay, yesterday));
        List<RollupStore.DayRollup> incrementalDays = store.allDays(RULES.version());
        assertThat(incrementalDays).as("seed %d: every day sealed, exact", seed).hasSize(expectedDays.size())
                .allSatisfy(d -> assertThat(d.tallies()).isEqualTo(expectedDays.get(dayKey(d))));
        assertThat(store.sealThrough(RULES.version(), yesterday)).as("sealing twice seals nothing").isZero();
        assertThat(store.allDays(RULES.version())).as("and changes nothing").containsExactlyElementsOf(incrementalDays);

        Recomputation.Result recomputed = new Recomputation(store, RULES, CLOCK).run();
        assertThat(recomputed.contacts() + recomputed.importedRecords()).isEqualTo(all.size());
        assertThat(store.all(RULES.version())).as("seed %d: recompute equals incremental, row by row", seed)
                .containsExactlyElementsOf(incremental);
        assertThat(store.sealedThrough(RULES.version())).as("recompute seals through yesterday").contains(yesterday);
        assertThat(store.allDays(RULES.version())).as("seed %d: day roll-ups too", seed).containsExactlyElementsOf(incrementalDays);

        assertReportsEqualTheReference(seed, random, store, all);
    }

    /** Reports of every period, random groupings and ranges, three zones, equal the reference calculator on the facts. */
    private static void assertReportsEqualTheReference(long seed, Random random, RollupStore store, List<ContactFacts> all) {
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

    static Map<List<Object>, Tallies> daySums(List<Rollup> rollups) {
        Map<List<Object>, Tallies> days = new HashMap<>();
        for (Rollup r : rollups) {
            days.merge(List.of(LocalDate.ofInstant(r.key().bucketStart(), PARIS), r.key().administration(), r.key().service(),
                    r.key().number(), r.key().channel()), r.tallies(), Tallies::plus);
        }
        return days;
    }

    static List<Object> dayKey(RollupStore.DayRollup d) {
        return List.of(d.day(), d.administration(), d.service(), d.number(), d.channel());
    }

    @Test
    void unsealed_days_get_no_day_row_and_sealing_sums_their_quarter_hours_across_the_change_to_summer_time() {
        RollupStore store = new RollupStore(freshDatabase(), PARIS);
        ImportedFacts imports = new ImportedFacts(store, RULES, CLOCK);
        // Paris, 29 March 2026: 02:00 CET becomes 03:00 CEST, the day lasts 23 hours.
        List<ContactFacts> facts = List.of(
                fact("a", "2026-03-28T22:45:00Z"), // 23:45 CET on the 28th
                fact("b", "2026-03-28T23:00:00Z"), // 00:00 on the 29th
                fact("c", "2026-03-29T00:59:00Z"), // 01:59 CET
                fact("d", "2026-03-29T01:00:00Z"), // 03:00 CEST
                fact("e", "2026-03-29T21:59:00Z"), // 23:59 CEST on the 29th
                fact("f", "2026-03-29T22:00:00Z"), // 00:00 on the 30th
                fact("g", "2026-03-30T10:00:00Z"));
        imports.add("csv", facts);
        assertThat(store.allDays(RULES.version())).as("no day is sealed: no day row").isEmpty();
        assertThat(store.sealedThrough(RULES.version())).isEmpty();

        assertThat(store.sealThrough(RULES.version(), LocalDate.of(2026, 3, 29))).isEqualTo(2);
        assertThat(store.sealedThrough(RULES.version())).contains(LocalDate.of(2026, 3, 29));
        assertThat(store.allDays(RULES.version())).extracting(d -> d.day() + "=" + d.tallies().received())
                .containsExactly("2026-03-28=1", "2026-03-29=4");
        Map<List<Object>, Tallies> expected = daySums(store.all(RULES.version()));
        assertThat(store.allDays(RULES.version())).allSatisfy(d -> assertThat(d.tallies()).isEqualTo(expected.get(dayKey(d))));

        List<RollupStore.DayRollup> once = store.allDays(RULES.version());
        assertThat(store.sealThrough(RULES.version(), LocalDate.of(2026, 3, 29))).as("sealing twice").isZero();
        assertThat(store.sealThrough(RULES.version(), LocalDate.of(2026, 3, 27))).as("an earlier day").isZero();
        assertThat(store.allDays(RULES.version())).containsExactlyElementsOf(once);
        assertThat(store.sealedThrough(RULES.version())).as("the watermark never moves back").contains(LocalDate.of(2026, 3, 29));

        assertThat(store.sealThrough(RULES.version(), LocalDate.of(2026, 4, 2))).as("30 March, then empty days").isEqualTo(4);
        assertThat(store.allDays(RULES.version())).extracting(d -> d.day() + "=" + d.tallies().received())
                .containsExactly("2026-03-28=1", "2026-03-29=4", "2026-03-30=2");
    }

    @Test
    void day_rows_written_before_the_watermark_existed_are_replaced_by_the_first_sealing_not_added_to() throws Exception {
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, PARIS);
        new ImportedFacts(store, RULES, CLOCK).add("csv", List.of(fact("a", "2026-03-30T10:00:00Z"), fact("b", "2026-03-31T10:00:00Z")));
        store.sealThrough(RULES.version(), LocalDate.of(2026, 3, 31));
        List<RollupStore.DayRollup> built = store.allDays(RULES.version());
        // A database upgraded from the design that wrote day rows for every day: rows, no watermark.
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from indicator_rollup_sealed");
        }
        assertThat(store.sealThrough(RULES.version(), LocalDate.of(2026, 3, 31))).isEqualTo(2);
        assertThat(store.allDays(RULES.version())).containsExactlyElementsOf(built)
                .extracting(d -> d.day() + "=" + d.tallies().received()).containsExactly("2026-03-30=1", "2026-03-31=1");
    }

    @Test
    void a_late_contact_of_a_sealed_day_updates_its_day_row_and_one_of_an_unsealed_day_does_not() {
        RollupStore store = new RollupStore(freshDatabase(), PARIS);
        ImportedFacts imports = new ImportedFacts(store, RULES, CLOCK);
        imports.add("csv", List.of(fact("a", "2026-03-30T10:00:00Z")));
        store.sealThrough(RULES.version(), LocalDate.of(2026, 3, 30));
        imports.add("csv", List.of(fact("late", "2026-03-30T21:50:00Z"), fact("today", "2026-03-30T22:10:00Z")));
        assertThat(store.allDays(RULES.version())).extracting(d -> d.day() + "=" + d.tallies().received())
                .containsExactly("2026-03-30=2");
        assertThat(store.count(RULES.version())).as("every contact is in a quarter hour").isEqualTo(3);
    }

    @Test
    void reports_across_sealed_and_unsealed_days_equal_the_direct_computation_whatever_the_watermark() {
        RollupStore store = new RollupStore(freshDatabase(), PARIS);
        Random random = new Random(42);
        List<ContactFacts> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(randomImported(random, "csv:" + i));
        }
        new ImportedFacts(store, RULES, CLOCK).add("csv", all);
        IndicatorCalculator reference = new IndicatorCalculator(RULES);
        RollupIndicatorQueries queries = new RollupIndicatorQueries(store, RULES);
        List<Query> reports = new ArrayList<>();
        Instant[][] ranges = {
                {Instant.parse("2026-03-26T23:00:00Z"), Instant.parse("2026-03-31T22:00:00Z")}, // whole Paris days, 27–31 March
                {Instant.parse("2026-03-27T10:15:00Z"), Instant.parse("2026-04-01T01:00:00Z")}, // partial days at both ends
                {Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z")}}; // the 23-hour day alone
        for (Period period : List.of(Period.DAY, Period.WEEK, Period.MONTH, Period.QUARTER, Period.YEAR, Period.ALL)) {
            for (Instant[] range : ranges) {
                reports.add(new Query(Set.of(Dimension.SERVICE, Dimension.NUMBER), period, PARIS, range[0], range[1]));
            }
        }
        List<LocalDate> watermarks = List.of(LocalDate.of(2026, 3, 26), LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29),
                LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 5));
        for (int w = -1; w < watermarks.size(); w++) {
            if (w >= 0) {
                store.sealThrough(RULES.version(), watermarks.get(w));
            }
            for (Query query : reports) {
                assertThat(queries.compute(query)).as("sealed through %s: %s", store.sealedThrough(RULES.version()), query)
                        .isNotEmpty().isEqualTo(reference.compute(all, query));
            }
        }
    }

    @Test
    void day_sealing_seals_through_yesterday_in_the_publication_zone_never_today_and_a_failure_moves_nothing() throws Exception {
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, PARIS);
        new ImportedFacts(store, RULES, CLOCK).add("csv", List.of(fact("a", "2026-03-30T21:30:00Z"), // 23:30 on the 30th
                fact("b", "2026-03-30T22:30:00Z"))); // 00:30 on the 31st
        Clock lateOn30 = Clock.fixed(Instant.parse("2026-03-30T21:45:00Z"), ZoneId.of("UTC")); // 23:45 in Paris
        assertThat(new DaySealing(store, RULES, lateOn30).sealOnce()).isZero();
        assertThat(store.sealedThrough(RULES.version())).contains(LocalDate.of(2026, 3, 29));
        assertThat(store.allDays(RULES.version())).isEmpty();

        Clock earlyOn31 = Clock.fixed(Instant.parse("2026-03-30T22:15:00Z"), ZoneId.of("UTC")); // 00:15 in Paris
        assertThat(new DaySealing(store, RULES, earlyOn31).sealOnce()).isEqualTo(1);
        assertThat(store.sealedThrough(RULES.version())).contains(LocalDate.of(2026, 3, 30));
        assertThat(store.allDays(RULES.version())).extracting(d -> d.day() + "=" + d.tallies().received())
                .containsExactly("2026-03-30=1");

        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table indicator_rollup_day");
        }
        Clock on1April = Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneId.of("UTC"));
        assertThat(new DaySealing(store, RULES, on1April).sealOnce()).as("failed, logged").isEqualTo(-1);
        assertThat(store.sealedThrough(RULES.version())).as("rolled back").contains(LocalDate.of(2026, 3, 30));
    }

    @Test
    void a_sealing_waits_for_a_writer_that_has_not_committed_and_then_counts_its_contacts() throws Exception {
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, PARIS);
        // The writer is another transaction (another process, or a journal batch that released the write
        // lock before its commit): only the watermark row lock keeps the sealing from missing its rows.
        sealWhileWriting(db, store, fact("first", "2026-03-30T10:00:00Z"), LocalDate.of(2026, 3, 30)); // no watermark row yet
        sealWhileWriting(db, store, fact("second", "2026-03-31T10:00:00Z"), LocalDate.of(2026, 3, 31)); // an existing row
        assertThat(store.allDays(RULES.version())).extracting(d -> d.day() + "=" + d.tallies().received())
                .containsExactly("2026-03-30=1", "2026-03-31=1");
    }

    @Test
    void a_batch_of_days_nobody_can_seal_yet_takes_no_lock_and_one_of_a_sealable_day_waits_for_the_sealer() throws Exception {
        DataSource db = freshDatabase();
        Clock morningOf30 = Clock.fixed(Instant.parse("2026-03-30T10:00:00Z"), ZoneId.of("UTC"));
        RollupStore store = new RollupStore(db, PARIS, morningOf30);
        RollupStore otherProcess = new RollupStore(db, PARIS, morningOf30);
        new ImportedFacts(store, RULES, CLOCK).add("csv", List.of(fact("earlier", "2026-03-29T10:00:00Z")));
        try (Connection sealer = db.getConnection()) {
            sealer.setAutoCommit(false);
            otherProcess.sealThrough(sealer, RULES.version(), LocalDate.of(2026, 3, 29)); // holds the watermark row
            CompletableFuture<Void> today = CompletableFuture.runAsync(() -> addInOwnTransaction(db, store,
                    fact("today", "2026-03-30T09:00:00Z")));
            today.get(5, TimeUnit.SECONDS); // no wait: the 30th cannot be sealed before it is over
            CompletableFuture<Void> late = CompletableFuture.runAsync(() -> addInOwnTransaction(db, store,
                    fact("late", "2026-03-29T20:00:00Z")));
            Thread.sleep(300);
            assertThat(late).as("a contact of a sealable day waits for the sealer").isNotDone();
            sealer.commit();
            late.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.allDays(RULES.version())).extracting(d -> d.day() + "=" + d.tallies().received())
                .as("the late contact reached the day row the other process sealed").containsExactly("2026-03-29=2");
        assertThat(store.count(RULES.version())).isEqualTo(3);
    }

    // Pending deltas (decision 0029): the journal writes one row per batch, a folding adds them to the tables.

    @Test
    void a_journal_batch_writes_one_pending_row_and_a_folding_adds_it_to_the_tables_once() throws Exception {
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, PARIS);
        try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 100, Duration.ofMillis(100), new RollupUpkeep(store, RULES));
             ExecutorService callers = Executors.newFixedThreadPool(10)) {
            List<java.util.concurrent.Future<?>> closes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Instant at = DAY0.plusSeconds(60L * i);
                closes.add(callers.submit(() -> closeOne(journal, at)));
            }
            for (var close : closes) {
                close.get(10, TimeUnit.SECONDS);
            }
        }
        long pending = store.pending().count();
        assertThat(pending).as("one row per journal batch, 10 closes in a 100 ms window").isBetween(1L, 9L);
        assertThat(rows(db, "indicator_rollup")).as("nothing folded yet").isZero();
        assertThat(store.pending().fold(Duration.ofSeconds(5))).isEqualTo((int) pending);
        assertThat(store.pending().count()).isZero();
        assertThat(rows(db, "indicator_rollup")).isEqualTo(1); // one quarter hour, one service, one number
        assertThat(store.pending().fold(Duration.ofSeconds(5))).as("nothing left to fold").isZero();
        assertThat(totalReceived(store)).isEqualTo(10);
    }

    @Test
    void pending_rows_a_stopped_process_left_are_folded_by_the_next_one_and_equal_a_recompute() throws Exception {
        DataSource db = freshDatabase();
        RollupStore crashed = new RollupStore(db, PARIS);
        try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(crashed, RULES))) {
            for (int i = 0; i < 3; i++) {
                closeOne(journal, DAY0.plusSeconds(1000L * i));
            }
        }
        assertThat(crashed.pending().count()).isEqualTo(3);
        RollupStore restarted = new RollupStore(db, PARIS);
        RollupFolding folding = new RollupFolding(restarted.pending());
        folding.start(); // folds at once, then every few seconds
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (restarted.pending().count() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            folding.stop();
        }
        assertThat(restarted.pending().count()).as("folded at start-up").isZero();
        List<Rollup> folded = restarted.all(RULES.version());
        assertThat(folded).extracting(r -> r.tallies().received()).containsExactly(1L, 1L, 1L);
        new Recomputation(restarted, RULES, CLOCK).run();
        assertThat(restarted.all(RULES.version())).isEqualTo(folded);
    }

    @Test
    void a_recompute_drops_the_pending_rows_of_the_contacts_it_reads_so_nothing_counts_twice() throws Exception {
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, PARIS);
        try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
            closeOne(journal, DAY0);
            closeOne(journal, DAY0.plusSeconds(60));
            assertThat(store.pending().count()).isEqualTo(2);
            new Recomputation(store, RULES, CLOCK).run();
            assertThat(store.pending().count()).isZero();
            closeOne(journal, DAY0.plusSeconds(120)); // after the recompute: pending again, then folded
        }
        assertThat(totalReceived(store)).isEqualTo(3);
    }

    @Test
    void a_recompute_waits_for_a_journal_batch_until_its_transaction_ends_a_folding_does_not_and_a_failed_insert_lets_go()
            throws Exception {
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, PARIS);
        RollupUpkeep upkeep = new RollupUpkeep(store, RULES);
        try (Connection journal = db.getConnection()) {
            journal.setAutoCommit(false);
            upkeep.closed(journal, List.of(closedContact(DAY0)));
            CompletableFuture<Integer> folding = CompletableFuture.supplyAsync(() -> store.pending().fold(Duration.ofSeconds(10)));
            assertThat(folding.get(5, TimeUnit.SECONDS)).as("a folding does not wait; the row is not committed yet").isZero();
            CompletableFuture<Recomputation.Result> recompute = CompletableFuture.supplyAsync(
                    () -> new Recomputation(store, RULES, CLOCK).run());
            Thread.sleep(300);
            assertThat(recompute).as("the batch holds the recompute back until its transaction ends").isNotDone();
            journal.commit();
            upkeep.completed();
            recompute.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.pending().count()).as("the recompute deleted the row committed before it").isZero();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table indicator_rollup_pending");
        }
        try (Connection journal = db.getConnection()) {
            journal.setAutoCommit(false);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> upkeep.closed(journal, List.of(closedContact(DAY0))))
                    .isInstanceOf(SQLException.class);
            journal.rollback();
            upkeep.completed();
        }
        assertThat(store.pending().batchesInFlight().getReadLockCount()).isZero();
    }

    @Test
    void a_failed_folding_keeps_its_rows_for_the_next_and_an_unreadable_row_is_dropped_alone() throws Exception {
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, PARIS);
        try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
            closeOne(journal, DAY0);
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table indicator_rollup rename to indicator_rollup_away");
        }
        assertThat(store.pending().fold(Duration.ofSeconds(5))).as("failed, logged").isZero();
        assertThat(store.pending().count()).as("kept").isEqualTo(1);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             java.sql.PreparedStatement garbage = c.prepareStatement(
                     "insert into indicator_rollup_pending (id, rule_set_version, deltas) values (?, ?, ?)")) {
            s.execute("alter table indicator_rollup_away rename to indicator_rollup");
            garbage.setLong(1, 1);
            garbage.setString(2, RULES.version());
            garbage.setBytes(3, new byte[] {1, 0, 21, 0, 0, 0, 9}); // nine keys announced, none there
            garbage.executeUpdate();
        }
        assertThat(store.pending().fold(Duration.ofSeconds(5))).isEqualTo(2);
        assertThat(store.pending().count()).isZero();
        assertThat(totalReceived(store)).as("the readable row is folded").isEqualTo(1);
    }

    @Test
    void a_report_counts_the_pending_rows_without_folding_them_and_gives_the_same_figures_once_they_are_folded() {
        DataSource db = freshDatabase();
        RollupStore store = new RollupStore(db, PARIS);
        // Two days, the first sealed (its late contacts would also update day rows), two services.
        store.sealThrough(RULES.version(), LocalDate.of(2026, 3, 27));
        try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
            for (int i = 0; i < 12; i++) {
                closeOne(journal, DAY0.plus(Duration.ofHours(5L * i)), i % 3 == 0 ? "urbanisme" : "etat-civil");
            }
        }
        long pending = store.pending().count();
        Query byDay = new Query(Set.of(Dimension.SERVICE), Period.DAY, PARIS, DAY0.minus(Duration.ofDays(1)), DAY0.plus(Duration.ofDays(4)));
        IndicatorFilter oneService = new IndicatorFilter(Optional.empty(), Optional.of("urbanisme"), Optional.empty(), Optional.empty());
        Map<Slice, Tallies> all = store.sum(RULES.version(), byDay, IndicatorFilter.NONE);
        Map<Slice, Tallies> filtered = store.sum(RULES.version(), byDay, oneService);
        assertThat(store.pending().count()).as("a report writes nothing").isEqualTo(pending).isPositive();
        assertThat(all.values().stream().mapToLong(Tallies::received).sum()).isEqualTo(12);
        assertThat(filtered.values().stream().mapToLong(Tallies::received).sum()).isEqualTo(4);
        assertThat(store.pending().fold(Duration.ofSeconds(5))).isEqualTo((int) pending);
        assertThat(store.sum(RULES.version(), byDay, IndicatorFilter.NONE)).isEqualTo(all);
        assertThat(store.sum(RULES.version(), byDay, oneService)).isEqualTo(filtered);
    }

    private static void closeOne(JdbcContactJournal journal, Instant at) {
        closeOne(journal, at, "etat-civil");
    }

    private static void closeOne(JdbcContactJournal journal, Instant at, String service) {
        ContactStart start = new ContactStart(ContactId.random(), Channel.PHONE, "mairie", service, "+33199000100", "c", at);
        journal.open(start);
        journal.append(start.id(), new ContactEvent.Received(at, "+33199000100", "0199000100"));
        journal.close(start.id(), Outcome.ABANDONED_IN_IVR, at.plusSeconds(30));
    }

    private static Contact closedContact(Instant at) {
        return new Contact(ContactId.random(), Channel.PHONE, "mairie", "etat-civil", "+33199000100", "c", at,
                Optional.of(at.plusSeconds(30)), Optional.of(Outcome.ABANDONED_IN_IVR),
                List.of(new ContactEvent.Received(at, "+33199000100", "0199000100")));
    }

    private static long totalReceived(RollupStore store) {
        return store.all(RULES.version()).stream().mapToLong(r -> r.tallies().received()).sum();
    }

    /** Counted with SQL, without the folding the store's readers do first. */
    private static long rows(DataSource db, String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void addInOwnTransaction(DataSource db, RollupStore store, ContactFacts fact) {
        RollupAccumulator batch = new RollupAccumulator(RULES);
        batch.add(fact);
        try (Connection writer = db.getConnection()) {
            writer.setAutoCommit(false);
            store.add(writer, batch.rollups());
            writer.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sealWhileWriting(DataSource db, RollupStore store, ContactFacts fact, LocalDate day) throws Exception {
        RollupAccumulator batch = new RollupAccumulator(RULES);
        batch.add(fact);
        try (Connection writer = db.getConnection()) {
            writer.setAutoCommit(false);
            store.add(writer, batch.rollups());
            CompletableFuture<Integer> sealing = CompletableFuture.supplyAsync(() -> store.sealThrough(RULES.version(), day));
            Thread.sleep(300);
            assertThat(sealing).as("the sealing waits for the writer").isNotDone();
            writer.commit();
            assertThat(sealing.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    private static ContactFacts fact(String key, String at) {
        return ContactFacts.builder("csv:" + key, "mairie", "etat-civil", "+33199000100", Channel.PHONE, Instant.parse(at))
                .selfServiceCompleted().build();
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
