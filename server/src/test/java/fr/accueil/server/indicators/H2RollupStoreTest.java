package fr.accueil.server.indicators;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.server.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class H2RollupStoreTest extends RollupStoreContract {
    @TempDir
    Path dir;
    private final List<HikariDataSource> opened = new ArrayList<>();

    @Override
    DataSource freshDatabase() {
        try {
            HikariDataSource ds = TestDatabases.h2(Files.createTempDirectory(dir, "db"));
            opened.add(ds);
            return ds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        opened.forEach(HikariDataSource::close);
    }
}
