package fr.accueil.server.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.EndReason;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.contact.Side;
import fr.accueil.core.indicators.Rollup;
import fr.accueil.core.indicators.Tallies;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.indicators.internal.Recomputation;
import fr.accueil.server.indicators.internal.RollupStore;
import fr.accueil.server.indicators.internal.RollupUpkeep;
import fr.accueil.server.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupUpkeepTest {
    static final RuleSet RULES = RuleSet.defaults("t-1");

    @TempDir
    Path dir;

    @Test
    void a_failing_rollup_write_never_loses_the_contact() throws Exception {
        try (HikariDataSource db = TestDatabases.h2(dir)) {
            RollupStore store = new RollupStore(db, ZoneId.of("Europe/Paris"));
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop table indicator_rollup_pending");
            }
            try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
                ContactStart start = new ContactStart(ContactId.random(), Channel.PHONE, "mairie", "etat-civil", "+33199000100", "c",
                        Instant.parse("2026-03-02T08:00:00Z"));
                journal.open(start);
                journal.close(start.id(), Outcome.SELF_SERVICE_COMPLETED, Instant.parse("2026-03-02T08:01:00Z"));
                assertThat(journal.find(start.id()).orElseThrow().outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
            }
            assertThat(store.pending().batchesInFlight().getReadLockCount()).as("released with the failed transaction").isZero();
            assertThat(store.count(RULES.version())).as("no roll-up; ./accueil recompute repairs them").isZero();
        }
    }

    @Test
    void contacts_without_a_service_are_in_no_rollup_and_still_closed() throws Exception {
        try (HikariDataSource db = TestDatabases.h2(dir)) {
            RollupStore store = new RollupStore(db, ZoneId.of("Europe/Paris"));
            try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
                ContactStart start = new ContactStart(ContactId.random(), Channel.PHONE, null, null, "+33199000100", "c",
                        Instant.parse("2026-03-02T08:00:00Z"));
                journal.open(start);
                journal.close(start.id(), Outcome.FAILED, Instant.parse("2026-03-02T08:01:00Z"));
                assertThat(journal.find(start.id()).orElseThrow().outcome()).contains(Outcome.FAILED);
            }
            assertThat(store.count(RULES.version())).isZero();
        }
    }

    @Test
    void queued_contacts_are_rolled_up_from_their_events_at_close_across_a_restart_and_by_recompute() throws Exception {
        Instant t0 = Instant.parse("2026-03-02T08:00:00Z");
        ContactStart answered = new ContactStart(ContactId.random(), Channel.PHONE, "mairie", "etat-civil", "+33199000100", "c", t0);
        ContactStart callback = new ContactStart(ContactId.random(), Channel.PHONE, "mairie", "etat-civil", "+33199000100", "c",
                t0.plusSeconds(60));
        try (HikariDataSource db = TestDatabases.h2(dir)) {
            RollupStore store = new RollupStore(db, ZoneId.of("Europe/Paris"));
            try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
                journal.open(answered);
                journal.append(answered.id(), new ContactEvent.Enqueued(t0.plusSeconds(10), "etat-civil", 1));
                journal.append(answered.id(), new ContactEvent.AgentAnswered(t0.plusSeconds(40), "etat-civil", "a1"));
                journal.append(answered.id(), new ContactEvent.Ended(t0.plusSeconds(220), EndReason.AGENT_HANG_UP, Side.AGENT));
                journal.close(answered.id(), Outcome.HANDLED_BY_AGENT, t0.plusSeconds(220));
                // The second caller asks for a callback and hangs up; then the server stops.
                journal.open(callback);
                journal.append(callback.id(), new ContactEvent.Enqueued(t0.plusSeconds(65), "etat-civil", 2));
                journal.append(callback.id(), new ContactEvent.CallbackRequested(t0.plusSeconds(120), "etat-civil", true));
            }
            Tallies afterFirst = total(store);
            assertThat(afterFirst.presented()).isEqualTo(1);
            assertThat(afterFirst.handled()).isEqualTo(1);
            assertThat(afterFirst.speedOfAnswerMillis()).isEqualTo(30_000);
            assertThat(afterFirst.handlingMillis()).isEqualTo(180_000);

            try (JdbcContactJournal restarted = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
                assertThat(restarted.closeInterrupted(t0.plusSeconds(3600))).as("the callback is still pending").isZero();
                assertThat(total(store).received()).as("an open contact is in no roll-up").isEqualTo(1);
                restarted.resume(callback.id()).orElseThrow();
                restarted.append(callback.id(), new ContactEvent.CallbackAttempt(t0.plusSeconds(4000), 1, "a2", "reached"));
                restarted.append(callback.id(), new ContactEvent.AgentAnswered(t0.plusSeconds(4010), "etat-civil", "a2"));
                restarted.append(callback.id(), new ContactEvent.CallbackCompleted(t0.plusSeconds(4200), "a2"));
                restarted.append(callback.id(), new ContactEvent.Ended(t0.plusSeconds(4200), EndReason.CALLBACK_DONE, Side.AGENT));
                restarted.close(callback.id(), Outcome.CALLBACK_COMPLETED, t0.plusSeconds(4200));
            }
            Tallies both = total(store);
            assertThat(both.presented()).isEqualTo(2);
            assertThat(both.handled()).as("the callback counts once, on its original contact").isEqualTo(2);
            assertThat(both.connected()).as("a callback is not a connected call").isEqualTo(1);
            assertThat(both.callbacksRequested()).isEqualTo(1);
            assertThat(both.callbacksReached()).isEqualTo(1);
            assertThat(both.speedOfAnswerMillis()).isEqualTo(30_000);

            List<Rollup> incremental = store.all(RULES.version());
            new Recomputation(store, RULES, Clock.systemUTC()).run();
            assertThat(store.all(RULES.version())).as("recompute reads the same events").isEqualTo(incremental);
        }
    }

    private static Tallies total(RollupStore store) {
        return store.all(RULES.version()).stream().map(Rollup::tallies).reduce(Tallies.ZERO, Tallies::plus);
    }
}
