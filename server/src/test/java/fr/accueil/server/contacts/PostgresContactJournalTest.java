package fr.accueil.server.contacts;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Each test gets its own schema, so parallel runs on the same server do not collide. */
class PostgresContactJournalTest implements ContactJournalContract {
    private String schema;
    private HikariDataSource dataSource;
    private JdbcContactJournal journal;

    @BeforeEach
    void createSchema() {
        schema = TestDatabases.createPostgresSchema();
        start();
    }

    private void start() {
        dataSource = TestDatabases.postgres(schema);
        journal = new JdbcContactJournal(dataSource, 1024, 200);
    }

    private void stop() {
        journal.close();
        dataSource.close();
    }

    @AfterEach
    void dropSchema() {
        stop();
        TestDatabases.dropPostgresSchema(schema);
    }

    @Override
    public ContactJournal journal() {
        return journal;
    }

    @Override
    public ContactJournal reopen() {
        stop();
        start();
        return journal;
    }
}
