package fr.accueil.server.indicators;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.contacts.ClosedContactsListener;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.indicators.internal.RollupStore;
import fr.accueil.server.indicators.internal.RollupUpkeep;
import fr.accueil.server.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the roll-up upkeep adds to writing contacts: the same load (concurrent callers, each contact
 * opened, 8 events as in an IVR call, closed durably) through the journal without and with
 * {@link RollupUpkeep}, on a fresh database each round, rounds alternated. Run by
 * bench/rollup-upkeep.sh (not a unit test). Contacts arrive ~20 per second over 40 services, so a
 * batch of closes touches few buckets, as in production; {@code -Dspread=true} puts every contact of
 * a batch in a bucket of its own (worst case). Contacts are dated today, as live ones are; {@code
 * -Dpast=true} dates them on an earlier day (every batch then locks the sealing watermark).
 *
 * <p>Two measures. Across runs: throughput, and the journal writer's time per contact (from taking
 * a connection to closing it after the commit: the writer is the bottleneck of group commit). Within
 * each run with the upkeep, the same batches: the time spent in the upkeep against the rest of the
 * writer's time, which the load of a shared machine moves far less than it moves two separate runs.
 *
 * <p>The upkeep writes pending deltas in the journal's transactions and the product's folding adds
 * them to the tables every {@code -Dfold.ms} (default {@link RollupFolding#EVERY}): the folding's
 * time counts as upkeep, in both measures.
 *
 * <p>Arguments: {@code h2|postgres contacts callers rounds}.
 */
public final class RollupUpkeepBenchmark {
    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int contacts = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        RuleSet rules = RuleSet.defaults("bench-1");
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> writerWithout = new ArrayList<>();
        List<Double> writerWith = new ArrayList<>();
        List<Double> inRunShare = new ArrayList<>();
        List<Double> alternateExtra = new ArrayList<>();
        long[] pooledNanos = new long[2];
        long[] pooledCloses = new long[2];
        List<List<Double>> pooledBatches = List.of(new ArrayList<>(), new ArrayList<>());
        List<Mode> modes = java.util.Arrays.stream(System.getProperty("modes", "without,with,alternate").split(","))
                .map(m -> Mode.valueOf(m.strip().toUpperCase(java.util.Locale.ROOT))).toList();
        for (int round = 0; round < rounds + 1; round++) { // round 0 warms the JIT up
            for (Mode mode : modes) {
                boolean upkeep = mode == Mode.WITH;
                String schema = null;
                HikariDataSource ds;
                if (db.equals("postgres")) {
                    schema = TestDatabases.createPostgresSchema();
                    ds = TestDatabases.postgres(schema);
                } else {
                    ds = TestDatabases.h2(Files.createTempDirectory("accueil-upkeep"));
                }
                try {
                    if (mode == Mode.ALTERNATE) {
                        BatchClock clock = alternate(ds, rules, contacts, callers, db, round);
                        if (round > 0) {
                            alternateExtra.add(clock.extra());
                            for (int kind = 0; kind < 2; kind++) {
                                pooledNanos[kind] += clock.nanos[kind];
                                pooledCloses[kind] += clock.closes[kind];
                                pooledBatches.get(kind).addAll(clock.perBatch.get(kind));
                            }
                        }
                        continue;
                    }
                    // The folding's time (its connections, from after it got the write lock) counts as upkeep.
                    AtomicLong foldNanos = new AtomicLong();
                    RollupStore store = new RollupStore(timed(ds, foldNanos), ZoneId.of("Europe/Paris"));
        foldNanos.set(0); // the store's look at the database product
                    ClosedContactsListener upkeeper = upkeep ? new RollupUpkeep(store, rules) : ClosedContactsListener.NONE;
                    AtomicLong upkeepNanos = new AtomicLong();
                    AtomicLong batches = new AtomicLong();
                    AtomicLong buckets = new AtomicLong();
                    ClosedContactsListener listener = around(upkeeper, (connection, closed) -> {
                        long t0 = System.nanoTime();
                        upkeeper.closed(connection, closed);
                        upkeepNanos.addAndGet(System.nanoTime() - t0);
                        batches.incrementAndGet();
                        buckets.addAndGet(closed.stream().map(c -> c.service() + "@"
                                + c.startedAt().getEpochSecond() / fr.accueil.core.indicators.Period.QUARTER_HOUR_SECONDS).distinct().count());
                    });
                    AtomicLong writerNanos = new AtomicLong();
                    double perSecond = run(timed(ds, writerNanos), listener, contacts, callers, upkeep ? store : null);
                    upkeepNanos.addAndGet(foldNanos.get());
                    double writerMicros = (writerNanos.get() + foldNanos.get()) / 1e3 / contacts;
                    double upkeepMicros = upkeepNanos.get() / 1e3 / contacts;
                    double share = upkeepNanos.get() / (double) (writerNanos.get() + foldNanos.get() - upkeepNanos.get());
                    if (round > 0) {
                        (upkeep ? with : without).add(perSecond);
                        (upkeep ? writerWith : writerWithout).add(writerMicros);
                        if (upkeep) {
                            inRunShare.add(share);
                        }
                    }
                    System.out.printf("%s round %d %-13s %,7.0f contacts/s, %5.1f closes and %5.1f quarter-hour buckets per batch, "
                                    + "writer %6.1f µs/contact%s  (load %s)%n", db, round,
                            upkeep ? "with upkeep" : "without", perSecond, contacts / (double) batches.get(),
                            buckets.get() / (double) batches.get(), writerMicros,
                            upkeep ? String.format(", of which upkeep %5.1f µs: +%.1f %% of the rest", upkeepMicros, 100 * share) : "",
                            loadAverage());
                } finally {
                    ds.close();
                    if (schema != null) {
                        TestDatabases.dropPostgresSchema(schema);
                    }
                }
            }
        }
        if (!alternateExtra.isEmpty()) {
            double plain = pooledNanos[0] / 1e3 / pooledCloses[0];
            double kept = pooledNanos[1] / 1e3 / pooledCloses[1];
            System.out.printf("%s: alternate batches, writer time per contact with upkeep against without, same runs: %+.1f %% (median; "
                            + "rounds %s); pooled over the rounds: %.1f against %.1f µs/contact (%,d and %,d contacts): %+.1f %%%n",
                    db, 100 * median(alternateExtra), alternateExtra.stream().map(x -> String.format("%.1f", 100 * x)).toList(),
                    kept, plain, pooledCloses[1], pooledCloses[0], 100 * (kept / plain - 1));
            System.out.printf("%s: alternate batches, median batch over the rounds: %.1f against %.1f µs/contact (%,d and %,d batches): %+.1f %%%n",
                    db, median(pooledBatches.get(1)), median(pooledBatches.get(0)), pooledBatches.get(1).size(),
                    pooledBatches.get(0).size(), 100 * (median(pooledBatches.get(1)) / median(pooledBatches.get(0)) - 1));
        }
        if (without.isEmpty() || with.isEmpty()) {
            return;
        }
        double a = median(without);
        double b = median(with);
        System.out.printf("%s: median %,.0f contacts/s without upkeep, %,.0f with: %+.1f %% time per contact; writer %.1f µs/contact "
                        + "without, %.1f with: %+.1f %%; in-run upkeep share %+.1f %% (median; rounds %s) "
                        + "(%d contacts, %d concurrent callers, %d cores)%n", db, a, b, 100 * (a / b - 1),
                median(writerWithout), median(writerWith), 100 * (median(writerWith) / median(writerWithout) - 1),
                100 * median(inRunShare), inRunShare.stream().map(x -> String.format("%.1f", 100 * x)).toList(),
                contacts, callers, Runtime.getRuntime().availableProcessors());
    }

    private enum Mode { WITHOUT, WITH, ALTERNATE }

    /**
     * One run in which half the journal batches, drawn at random, keep the roll-ups up to date: both halves see the
     * same machine, database and JIT state at the same moments, and each batch's whole writer time is
     * counted, its commit included (what the in-run share misses).
     */
    private static BatchClock alternate(javax.sql.DataSource ds, RuleSet rules, int contacts, int callers, String db, int round)
            throws Exception {
        AtomicLong foldNanos = new AtomicLong();
        RollupStore store = new RollupStore(timed(ds, foldNanos), ZoneId.of("Europe/Paris"));
        foldNanos.set(0); // the store's look at the database product
        ClosedContactsListener upkeeper = new RollupUpkeep(store, rules);
        BatchClock clock = new BatchClock();
        ClosedContactsListener listener = around(upkeeper, (connection, closed) -> {
            // A coin per batch, not every other one: the size of a batch depends on how long the one
            // before took, and strict alternation would put the big batches on one side.
            boolean keep = clock.coin.nextBoolean();
            if (keep) {
                long t0 = System.nanoTime();
                upkeeper.closed(connection, closed);
                clock.listenerNanos += System.nanoTime() - t0;
            }
            clock.mark(keep, closed.size());
        });
        double perSecond = run(clock.timing(ds), listener, contacts, callers, store);
        // Only the batches with the upkeep wrote deltas: the folding is theirs.
        clock.nanos[1] += foldNanos.get();
        System.out.printf("%s round %d alternate: of the upkeep per contact, %.1f µs in the journal's transaction, %.1f µs folding%n",
                db, round, clock.listenerNanos / 1e3 / clock.closes[1], foldNanos.get() / 1e3 / clock.closes[1]);
        double plain = clock.nanos[0] / 1e3 / clock.closes[0];
        double kept = clock.nanos[1] / 1e3 / clock.closes[1];
        System.out.printf("%s round %d alternate     %,7.0f contacts/s, batches without: %6.1f µs/contact (commit %5.1f; %d contacts), "
                        + "with upkeep: %6.1f µs/contact (commit %5.1f; %d contacts): %+.1f %%; median batch %+.1f %%  (load %s)%n",
                db, round, perSecond, plain, clock.commitNanos[0] / 1e3 / clock.closes[0], clock.closes[0], kept,
                clock.commitNanos[1] / 1e3 / clock.closes[1], clock.closes[1], 100 * clock.extra(), 100 * clock.medianExtra(),
                loadAverage());
        return clock;
    }

    /** Writer time and closes per kind of batch; the journal's single writer thread is its only user. */
    private static final class BatchClock {
        // A new draw each run: with a fixed seed and batches of a fixed size, a periodic event (H2
        // rewriting its file, a GC every so many batches) fell on the same side in every round.
        final java.util.Random coin = new java.util.Random();
        final long[] nanos = new long[2];
        final long[] commitNanos = new long[2];
        final long[] closes = new long[2];
        long listenerNanos;
        /** Each batch's writer µs per contact, by side: medians are not moved by the rare long batch. */
        final List<List<Double>> perBatch = List.of(new ArrayList<>(), new ArrayList<>());
        private int kind = -1;
        private int batchCloses;

        /** The extra writer time per contact of the batches with the upkeep over those without. */
        double extra() {
            return (nanos[1] / (double) closes[1]) / (nanos[0] / (double) closes[0]) - 1;
        }

        /** The same from the median batch of each side. */
        double medianExtra() {
            return median(perBatch.get(1)) / median(perBatch.get(0)) - 1;
        }

        void mark(boolean upkeep, int closed) {
            kind = upkeep ? 1 : 0;
            batchCloses = closed;
        }

        javax.sql.DataSource timing(javax.sql.DataSource ds) {
            AtomicLong unused = new AtomicLong();
            return timed(ds, unused, (elapsed, commit) -> {
                if (kind >= 0) { // batches without closes (no listener call) are left out
                    nanos[kind] += elapsed;
                    commitNanos[kind] += commit;
                    closes[kind] += batchCloses;
                    perBatch.get(kind).add(elapsed / 1e3 / batchCloses);
                }
                kind = -1;
            });
        }
    }

    /** {@code body} as a listener that passes the end of each transaction on to {@code upkeeper} (it holds a lock until then). */
    private static ClosedContactsListener around(ClosedContactsListener upkeeper, ClosedContactsListener body) {
        return new ClosedContactsListener() {
            @Override
            public void closed(java.sql.Connection connection, List<fr.accueil.core.contact.Contact> closed) throws java.sql.SQLException {
                body.closed(connection, closed);
            }

            @Override
            public void completed() {
                upkeeper.completed();
            }
        };
    }

    /**
     * Writes the contacts through the journal while the product's folding runs (every {@link RollupFolding#EVERY},
     * or {@code -Dfold.ms}), then folds what is left: the folding's cost is all in.
     */
    private static double run(javax.sql.DataSource ds, ClosedContactsListener listener, int contacts, int callers, RollupStore store)
            throws Exception {
        if (store == null) {
            return run(ds, listener, contacts, callers);
        }
        java.time.Duration every = java.time.Duration.ofMillis(Long.getLong("fold.ms", RollupFolding.EVERY.toMillis()));
        var folding = Executors.newSingleThreadScheduledExecutor();
        folding.scheduleWithFixedDelay(() -> store.pending().fold(every), every.toMillis(), every.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            return run(ds, listener, contacts, callers);
        } finally {
            folding.shutdown();
            folding.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            store.pending().fold(every);
            if (store.pending().count() != 0) {
                throw new IllegalStateException("pending roll-ups left after the last folding");
            }
        }
    }

    private static double run(javax.sql.DataSource ds, ClosedContactsListener listener, int contacts, int callers) throws Exception {
        AtomicLong next = new AtomicLong();
        // Contacts of today (from 08:00, publication zone), as the journal writes them live: their day
        // cannot be sealed yet, so no batch locks the watermark. -Dpast=true dates them on an earlier
        // day, the rare path (a callback ended days later, an old import) where every batch takes that lock.
        ZoneId zone = ZoneId.of("Europe/Paris");
        Instant base = Boolean.getBoolean("past") ? Instant.parse("2026-03-02T07:00:00Z")
                : java.time.LocalDate.now(zone).atTime(8, 0).atZone(zone).toInstant();
        boolean spread = Boolean.getBoolean("spread");
        Outcome[] outcomes = {Outcome.SELF_SERVICE_COMPLETED, Outcome.ABANDONED_IN_IVR, Outcome.TRANSFERRED, Outcome.NO_INPUT};
        long start = System.nanoTime();
        // The product's journal settings (AccueilSettings.Journal): queue 65,536, batches of at most
        // 2,000 commands, 25 ms linger; -Dlinger=0 writes each batch as soon as the writer is free.
        java.time.Duration linger = java.time.Duration.ofMillis(Long.getLong("linger", 25));
        try (JdbcContactJournal journal = new JdbcContactJournal(ds, 65_536, 2000, linger, listener);
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                done.add(pool.submit(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < contacts) {
                        // Realistic: contacts end in the order they arrive, ~20 per second over 40 services
                        // (one number each), so the closes of a batch share few buckets. -Dspread=true: the
                        // worst case, every contact of a batch in a bucket of its own.
                        Instant at = spread ? base.plusSeconds(i % 36_000).plusSeconds(900 * (i % 97)) : base.plusMillis(i * 50);
                        int service = (int) (i % 40);
                        ContactStart s = new ContactStart(ContactId.random(), Channel.PHONE, "admin-" + service / 4,
                                "service-" + service, "+331990001" + (10 + service), "c" + i, at);
                        journal.open(s);
                        journal.append(s.id(), new ContactEvent.Received(at, "+33199000100", "0199000100"));
                        journal.append(s.id(), new ContactEvent.MenuEntered(at.plusSeconds(1), "main"));
                        journal.append(s.id(), new ContactEvent.InputFailed(at.plusSeconds(9), "main", "no-input"));
                        journal.append(s.id(), new ContactEvent.KeyPressed(at.plusSeconds(12), "main", '2'));
                        journal.append(s.id(), new ContactEvent.MenuEntered(at.plusSeconds(13), "main/2"));
                        journal.append(s.id(), new ContactEvent.KeyPressed(at.plusSeconds(16), "main/2", '1'));
                        journal.append(s.id(), new ContactEvent.MessagePlayed(at.plusSeconds(40), "demo/message", true));
                        journal.append(s.id(), new ContactEvent.Ended(at.plusSeconds(41), EndReason.COMPLETED, Side.CALLER));
                        journal.close(s.id(), outcomes[(int) (i % outcomes.length)], at.plusSeconds(41));
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
        return contacts / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The data source with the time from each {@code getConnection} to that connection's
     * {@code close} added to {@code nanos}: for the journal, the time its writer spends on its batches.
     */
    private static javax.sql.DataSource timed(javax.sql.DataSource ds, AtomicLong nanos) {
        return timed(ds, nanos, (elapsed, commit) -> { });
    }

    /** A connection's time from {@code getConnection} to {@code close}, and the part spent in {@code commit}. */
    @FunctionalInterface
    private interface ConnectionTime {
        void accept(long total, long commit);
    }

    /** As {@link #timed(javax.sql.DataSource, AtomicLong)}, also handing each connection's time to {@code each}. */
    private static javax.sql.DataSource timed(javax.sql.DataSource ds, AtomicLong nanos, ConnectionTime each) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(RollupUpkeepBenchmark.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(ds, method, args);
                    if (!(result instanceof java.sql.Connection connection)) {
                        return result;
                    }
                    long start = System.nanoTime();
                    long[] commit = new long[1];
                    return java.lang.reflect.Proxy.newProxyInstance(RollupUpkeepBenchmark.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                                long before = System.nanoTime();
                                Object r = invoke(connection, m, a);
                                if (m.getName().equals("commit")) {
                                    commit[0] += System.nanoTime() - before;
                                }
                                if (m.getName().equals("close")) {
                                    long elapsed = System.nanoTime() - start;
                                    nanos.addAndGet(elapsed);
                                    each.accept(elapsed, commit[0]);
                                }
                                return r;
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
