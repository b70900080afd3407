package fr.accueil.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.directory.DirectoryValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;

class DirectoryControllerTest {
    @TempDir
    Path dir;

    @Test
    void a_reload_from_another_host_is_refused_and_does_not_read_the_file() throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), DirectoryServiceTest.ONE_SERVICE.replace("SERVICE", "before"));
        DirectoryService directory = new DirectoryService(new DirectorySource.File(file),
                new DirectoryYamlLoader(new DirectoryValidator(Set.of()), p -> true));
        DirectoryController controller = new DirectoryController(directory, Clock.systemUTC());
        Files.writeString(file, "not: [valid");

        MockHttpServletRequest remote = new MockHttpServletRequest("POST", "/api/v1/directory/reload");
        remote.setRemoteAddr("192.0.2.10");
        var refused = controller.reload(remote);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(((ProblemDetail) refused.getBody()).getDetail()).contains("loopback");

        MockHttpServletRequest local = new MockHttpServletRequest("POST", "/api/v1/directory/reload");
        local.setRemoteAddr("::1");
        assertThat(controller.reload(local).getStatusCode().value()).isEqualTo(422);
    }
}
