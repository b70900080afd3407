package fr.accueil.server.callbacks;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.callback.CallbackBook;
import fr.accueil.server.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Each test gets its own schema, so parallel runs on the same server do not collide. */
class PostgresCallbackBookTest implements CallbackBookContract {
    private String schema;
    private HikariDataSource dataSource;
    private JdbcCallbackBook book;

    @BeforeEach
    void createSchema() {
        schema = TestDatabases.createPostgresSchema();
        start();
    }

    private void start() {
        dataSource = TestDatabases.postgres(schema);
        book = new JdbcCallbackBook(dataSource);
    }

    @AfterEach
    void dropSchema() {
        dataSource.close();
        TestDatabases.dropPostgresSchema(schema);
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
        dataSource.close();
        start();
        return book;
    }
}
