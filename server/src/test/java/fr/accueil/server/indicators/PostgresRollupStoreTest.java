package fr.accueil.server.indicators;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.server.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** Each database is a fresh random schema; PostgreSQL being unreachable fails the test. */
class PostgresRollupStoreTest extends RollupStoreContract {
    private final List<String> schemas = new ArrayList<>();
    private final List<HikariDataSource> opened = new ArrayList<>();

    @Override
    DataSource freshDatabase() {
        String schema = TestDatabases.createPostgresSchema();
        schemas.add(schema);
        HikariDataSource ds = TestDatabases.postgres(schema);
        opened.add(ds);
        return ds;
    }

    @AfterEach
    void drop() {
        opened.forEach(HikariDataSource::close);
        schemas.forEach(TestDatabases::dropPostgresSchema);
    }
}
