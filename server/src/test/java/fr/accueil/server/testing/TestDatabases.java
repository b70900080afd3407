package fr.accueil.server.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * Databases for tests: an H2 file in a temp directory, or a fresh random schema in the PostgreSQL
 * named by the system property {@code accueil.test.postgres} (set by the parent pom). PostgreSQL
 * being unreachable fails the test: a journal that was never tested on it must not look green.
 */
public final class TestDatabases {
    public static final String POSTGRES_PROPERTY = "accueil.test.postgres";

    private TestDatabases() {
    }

    public static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("accueil")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    public static HikariDataSource h2(Path dir) {
        return migrated(pool(h2Url(dir)), null);
    }

    public static String postgresUrl() {
        String url = System.getProperty(POSTGRES_PROPERTY);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("system property " + POSTGRES_PROPERTY + " is not set (the parent pom sets it for surefire)");
        }
        return url;
    }

    /** Creates a new schema with a random name; fails (not skips) when PostgreSQL is unreachable. */
    public static String createPostgresSchema() {
        String schema = "test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("create schema " + schema);
        return schema;
    }

    public static void dropPostgresSchema(String schema) {
        execute("drop schema if exists " + schema + " cascade");
    }

    public static String postgresUrl(String schema) {
        String url = postgresUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static HikariDataSource postgres(String schema) {
        return migrated(pool(postgresUrl(schema)), schema);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(postgresUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + postgresUrl() + " is required by this test and is not usable: " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (url.startsWith("jdbc:h2:")) {
            config.setUsername("sa");
            config.setPassword("");
        }
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    private static HikariDataSource migrated(HikariDataSource dataSource, String schema) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            flyway.schemas(schema);
        }
        flyway.load().migrate();
        return dataSource;
    }
}
