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
 * opened, 6 events, closed durably) through the journal without and with {@link RollupUpkeep}, on a
 * fresh database each round, rounds alternated. Run by bench/rollup-upkeep.sh (not a unit test).
 * Contacts arrive ~20 per second over 40 services, so a batch of closes touches few buckets, as in
 * production; {@code -Dspread=true} puts every contact of a batch in a bucket of its own (worst case).
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
        for (int round = 0; round < rounds + 1; round++) { // round 0 warms the JIT up
            for (boolean upkeep : new boolean[] {false, true}) {
                String schema = null;
                HikariDataSource ds;
                if (db.equals("postgres")) {
                    schema = TestDatabases.createPostgresSchema();
                    ds = TestDatabases.postgres(schema);
                } else {
                    ds = TestDatabases.h2(Files.createTempDirectory("accueil-upkeep"));
                }
                try {
                    ClosedContactsListener listener = upkeep ? new RollupUpkeep(new RollupStore(ds, ZoneId.of("Europe/Paris")), rules)
                            : ClosedContactsListener.NONE;
                    double perSecond = run(ds, listener, contacts, callers);
                    if (round > 0) {
                        (upkeep ? with : without).add(perSecond);
                    }
                    System.out.printf("%s round %d %-13s %,.0f contacts/s%n", db, round, upkeep ? "with upkeep" : "without", perSecond);
                } finally {
                    ds.close();
                    if (schema != null) {
                        TestDatabases.dropPostgresSchema(schema);
                    }
                }
            }
        }
        double a = median(without);
        double b = median(with);
        System.out.printf("%s: median %,.0f contacts/s without upkeep, %,.0f with: upkeep adds %.1f %% to the cost of a contact "
                + "(%d contacts, %d concurrent callers, %d cores)%n", db, a, b, 100 * (a / b - 1), contacts, callers,
                Runtime.getRuntime().availableProcessors());
    }

    private static double run(HikariDataSource ds, ClosedContactsListener listener, int contacts, int callers) throws Exception {
        AtomicLong next = new AtomicLong();
        Instant base = Instant.parse("2026-03-02T07:00:00Z");
        boolean spread = Boolean.getBoolean("spread");
        Outcome[] outcomes = {Outcome.SELF_SERVICE_COMPLETED, Outcome.ABANDONED_IN_IVR, Outcome.TRANSFERRED, Outcome.NO_INPUT};
        long start = System.nanoTime();
        try (JdbcContactJournal journal = new JdbcContactJournal(ds, 65_536, 2000, listener);
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
                        journal.append(s.id(), new ContactEvent.KeyPressed(at.plusSeconds(3), "main", '2'));
                        journal.append(s.id(), new ContactEvent.MessagePlayed(at.plusSeconds(20), "demo/message", true));
                        journal.append(s.id(), new ContactEvent.Ended(at.plusSeconds(21), EndReason.COMPLETED, Side.CALLER));
                        journal.close(s.id(), outcomes[(int) (i % outcomes.length)], at.plusSeconds(21));
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

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
