package fr.accueil.server.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.Outcome;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.indicators.internal.RollupStore;
import fr.accueil.server.indicators.internal.RollupUpkeep;
import fr.accueil.server.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupUpkeepTest {
    static final RuleSet RULES = RuleSet.defaults("t-1");

    @TempDir
    Path dir;

    @Test
    void a_failing_rollup_upsert_never_loses_the_contact() throws Exception {
        try (HikariDataSource db = TestDatabases.h2(dir)) {
            RollupStore store = new RollupStore(db, ZoneId.of("Europe/Paris"));
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop table indicator_rollup_day"); // the second upsert of the batch fails
            }
            try (JdbcContactJournal journal = new JdbcContactJournal(db, 64, 10, new RollupUpkeep(store, RULES))) {
                ContactStart start = new ContactStart(ContactId.random(), Channel.PHONE, "mairie", "etat-civil", "+33199000100", "c",
                        Instant.parse("2026-03-02T08:00:00Z"));
                journal.open(start);
                journal.close(start.id(), Outcome.SELF_SERVICE_COMPLETED, Instant.parse("2026-03-02T08:01:00Z"));
                assertThat(journal.find(start.id()).orElseThrow().outcome()).contains(Outcome.SELF_SERVICE_COMPLETED);
            }
            assertThat(store.count(RULES.version())).as("the quarter-hour upsert was undone with the day one").isZero();
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
}
