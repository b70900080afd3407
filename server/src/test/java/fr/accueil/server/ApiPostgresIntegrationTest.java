package fr.accueil.server;

import fr.accueil.server.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same API on PostgreSQL, in a schema of its own dropped afterwards; the demo directory. */
class ApiPostgresIntegrationTest extends ApiIntegrationTestBase {
    static String schema;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        schema = TestDatabases.createPostgresSchema();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("accueil-api-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("accueil.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> TestDatabases.postgresUrl(schema));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.flyway.schemas", () -> schema);
    }

    @AfterAll
    static void dropSchema() {
        // The context stays cached until the JVM ends; its pool keeps idle connections, which
        // DROP SCHEMA does not wait for.
        TestDatabases.dropPostgresSchema(schema);
    }
}
