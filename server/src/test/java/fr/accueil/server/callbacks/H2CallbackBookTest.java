package fr.accueil.server.callbacks;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.callback.CallbackBook;
import fr.accueil.server.testing.TestDatabases;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class H2CallbackBookTest implements CallbackBookContract {
    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private JdbcCallbackBook book;

    @BeforeEach
    void start() {
        dataSource = TestDatabases.h2(dir);
        book = new JdbcCallbackBook(dataSource);
    }

    @AfterEach
    void stop() {
        dataSource.close();
    }

    @Override
    public CallbackBook book() {
        return book;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public CallbackBook reopen() {
        stop();
        start();
        return book;
    }
}
