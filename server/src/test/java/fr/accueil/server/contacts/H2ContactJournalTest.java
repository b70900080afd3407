package fr.accueil.server.contacts;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class H2ContactJournalTest implements ContactJournalContract {
    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private JdbcContactJournal journal;

    @BeforeEach
    void start() {
        dataSource = TestDatabases.h2(dir);
        journal = new JdbcContactJournal(dataSource, 1024, 200, java.time.Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        journal.close();
        dataSource.close();
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
