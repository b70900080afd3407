package fr.accueil.server.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.directory.Directory;
import fr.accueil.core.directory.DirectoryValidator;
import fr.accueil.core.directory.ServiceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryServiceTest {
    static final String ONE_SERVICE = """
            administrations:
              - id: caf
                name: CAF
                kind: social-security
                address: { street: "1 rue A", postal-code: "01000", city: "Démoville" }
                services:
                  - id: SERVICE
                    name: Service
                    hours: { weekly: { mon-fri: "08:30-12:00" } }
                    closed-message: demo/ferme
                    menus: { main: { prompt: demo/menu, options: { "1": { hang-up: true } } } }
                    numbers: [ { number: "+33199000100", sip-user: "0199000100" } ]
            """;

    @TempDir
    Path dir;

    private DirectoryService service(Path file) {
        return new DirectoryService(new DirectorySource.File(file), new DirectoryYamlLoader(new DirectoryValidator(Set.of()), p -> true));
    }

    @Test
    void a_reload_with_an_invalid_file_keeps_the_running_directory_and_returns_the_problems() throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), ONE_SERVICE.replace("SERVICE", "first"));
        DirectoryService directory = service(file);
        Directory running = directory.current();

        Files.writeString(file, ONE_SERVICE.replace("SERVICE", "second").replace("08:30-12:00", "12:00-08:30"));
        DirectoryLoadResult result = directory.reload();

        assertThat(result).isInstanceOf(DirectoryLoadResult.Rejected.class);
        assertThat(((DirectoryLoadResult.Rejected) result).problems()).extracting(LocatedProblem::toString).containsExactly(
                file + ":9: administrations[0].services[0].hours.weekly.mon-fri: bad time range '12:00-08:30': must end after it starts");
        assertThat(directory.current()).isSameAs(running);

        Files.writeString(file, ONE_SERVICE.replace("SERVICE", "second"));
        assertThat(directory.reload()).isInstanceOf(DirectoryLoadResult.Loaded.class);
        assertThat(directory.current().service(new ServiceId("second"))).isPresent();
        assertThat(directory.current().service(new ServiceId("first"))).isEmpty();
    }

    @Test
    void a_reload_of_a_deleted_file_keeps_the_running_directory() throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), ONE_SERVICE.replace("SERVICE", "first"));
        DirectoryService directory = service(file);
        Files.delete(file);
        DirectoryLoadResult result = directory.reload();
        assertThat(result).isInstanceOf(DirectoryLoadResult.Rejected.class);
        assertThat(((DirectoryLoadResult.Rejected) result).problems().getFirst().reason()).contains("cannot read");
        assertThat(directory.current().service(new ServiceId("first"))).isPresent();
    }

    @Test
    void an_invalid_file_at_start_up_throws_with_every_problem() throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), ONE_SERVICE.replace("SERVICE", "Bad Id").replace("01000", "1000"));
        assertThatThrownBy(() -> service(file)).isInstanceOfSatisfying(InvalidDirectoryFileException.class, e ->
                assertThat(e.problems()).extracting(LocatedProblem::toString).containsExactly(
                        file + ":5: administrations[0].address.postal-code: postal code must be 5 digits, got '1000'",
                        file + ":7: administrations[0].services[0].id: service id must be 1-64 characters of a-z, 0-9, '-' or '_' (starting with a letter or digit), got 'Bad Id'"));
    }
}
