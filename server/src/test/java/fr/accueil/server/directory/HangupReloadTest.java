package fr.accueil.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.directory.DirectoryValidator;
import fr.accueil.core.directory.ServiceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP sent to this very JVM reloads the directory (Linux; the handler replaces the JVM's default). */
class HangupReloadTest {
    @TempDir
    Path dir;

    @Test
    void sighup_reloads_the_directory_file() throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), DirectoryServiceTest.ONE_SERVICE.replace("SERVICE", "before"));
        DirectoryService directory = new DirectoryService(new DirectorySource.File(file),
                new DirectoryYamlLoader(new DirectoryValidator(Set.of()), p -> true));
        HangupReload hangup = new HangupReload(directory);
        hangup.start();
        Files.writeString(file, DirectoryServiceTest.ONE_SERVICE.replace("SERVICE", "after"));

        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();

        // Generous bound: the reload runs on a virtual thread after the signal is dispatched.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (directory.current().service(new ServiceId("after")).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(directory.current().service(new ServiceId("after"))).isPresent();
        assertThat(hangup.isRunning()).isTrue();
    }
}
