package fr.accueil.server.indicators;

import fr.accueil.server.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The indicators API on PostgreSQL, in a schema of its own dropped afterwards. */
class IndicatorsApiPostgresTest extends IndicatorsApiTestBase {
    static String schema;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        schema = TestDatabases.createPostgresSchema();
        String dir = Files.createTempDirectory("accueil-ind-pg").toString();
        registry.add("accueil.data-dir", () -> dir);
        registry.add("spring.datasource.url", () -> TestDatabases.postgresUrl(schema));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.flyway.schemas", () -> schema);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabases.dropPostgresSchema(schema);
    }
}
