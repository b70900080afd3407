package fr.accueil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher's options that work without building: help texts and refused combinations. */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "accueil").toAbsolutePath().normalize();

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpDocumentsTheSimulator() throws Exception {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("./accueil demo --simulate").contains("--simulate ").contains("accueil.simulation.calls-per-minute");

        Run demoHelp = run("demo", "--simulate", "--help");
        assertThat(demoHelp.exit()).isZero();
        assertThat(demoHelp.out()).contains("--simulate");
    }

    @Test
    void theSimulatorIsRefusedOutsideTheDemo() throws Exception {
        Run serve = run("serve", "--simulate", "--config", "/nonexistent/directory.yaml");
        assertThat(serve.exit()).isEqualTo(2);
        assertThat(serve.err()).contains("--simulate is for the demo only");
    }
}
