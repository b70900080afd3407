package fr.accueil.server.indicators;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The indicators API on the default embedded H2 file database. */
class IndicatorsApiH2Test extends IndicatorsApiTestBase {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("accueil-ind-h2").toString();
        registry.add("accueil.data-dir", () -> dir);
    }
}
