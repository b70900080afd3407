package fr.accueil.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.server.directory.DirectorySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API on the default embedded H2 file database, in a temp data directory. */
class ApiH2IntegrationTest extends ApiIntegrationTestBase {
    static final Path DATA_DIR = temp();
    static final Path DIRECTORY_FILE = DATA_DIR.resolve("directory.yaml");
    static final String DEMO = new DirectorySource.Classpath("demo/directory.yaml").read();

    private static Path temp() {
        try {
            Path dir = Files.createTempDirectory("accueil-api-h2");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.writeString(DIRECTORY_FILE, DEMO);
        registry.add("accueil.data-dir", DATA_DIR::toString);
        registry.add("accueil.directory-file", DIRECTORY_FILE::toString);
    }

    @Test
    void the_database_and_the_pseudonym_key_live_in_the_data_dir() throws IOException {
        assertThat(DATA_DIR.resolve("accueil.mv.db")).exists();
        Path key = DATA_DIR.resolve("pseudonym.key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void a_reload_answers_a_summary_or_422_listing_the_problems_and_keeps_the_running_directory() throws Exception {
        try {
            Files.writeString(DIRECTORY_FILE, DEMO.replace("name: Mairie d'Exempleville", "name: Mairie d'Ailleurs"));
            Reply ok = post("/api/v1/directory/reload");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body().get("services").asInt()).isEqualTo(4);
            assertThat(get("/api/v1/directory").body().get("administrations").get(1).get("name").asString()).isEqualTo("Mairie d'Ailleurs");

            Files.writeString(DIRECTORY_FILE, DEMO.replace("{ menu: logement }", "{ menu: nulle-part }")
                    .replace("sat: [\"09:00-12:00\"]", "sam: [\"09:00-12:00\"]"));
            Reply rejected = post("/api/v1/directory/reload");
            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.contentType()).contains("application/problem+json");
            assertThat(rejected.body().get("problems")).extracting(p -> p.get("message").asString()).containsExactly(
                    DIRECTORY_FILE + ":28: administrations[0].services[0].menus.main.options.1: unknown menu 'nulle-part' in service 'caf-prestations'",
                    DIRECTORY_FILE + ":60: administrations[1].services[0].hours.weekly.sam: unknown day 'sam' (expected mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, a list like mon,wed or every-day)");
            assertThat(get("/api/v1/directory").body().get("administrations").get(1).get("name").asString())
                    .as("the running directory is kept").isEqualTo("Mairie d'Ailleurs");
        } finally {
            Files.writeString(DIRECTORY_FILE, DEMO);
            post("/api/v1/directory/reload");
        }
    }
}
