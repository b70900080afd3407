package fr.accueil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.server.directory.InvalidDirectoryFailureAnalyzer;
import fr.accueil.server.directory.InvalidDirectoryFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The server refuses to start on bad configuration, and says why in a few readable lines. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {
    @TempDir
    Path dir;

    /** Command-line arguments, which override application.yaml (builder properties would not). */
    private void run(String... arguments) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--server.port=0", "--accueil.data-dir=" + dir,
                "--accueil.sip.bind=127.0.0.1"));
        if (java.util.Arrays.stream(arguments).noneMatch(a -> a.startsWith("--accueil.sip.port="))) {
            all.add("--accueil.sip.port=0");
        }
        all.addAll(java.util.List.of(arguments));
        new SpringApplicationBuilder(AccueilApplication.class).run(all.toArray(String[]::new)).close();
    }

    @Test
    void an_invalid_directory_stops_the_start_up_with_file_line_path_and_reason(CapturedOutput output) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                administrations:
                  - id: caf
                    name: CAF
                    kind: social-security
                    address: { street: "1 rue A", postal-code: "01000", city: "Démoville" }
                    services:
                      - id: svc
                        name: Service
                        hours: { weekly: { mon-fri: "08:30-12:00", tue: "11:00-13:00" } }
                        closed-message: demo/essai/ferme
                        menus: { main: { prompt: demo/essai/menu, options: { "1": { queue: accueil } } } }
                        numbers: [ { number: "+33 1 99", sip-user: "x" } ]
                """);
        assertThatThrownBy(() -> run("--accueil.directory-file=" + file))
                .rootCause().isInstanceOf(InvalidDirectoryFileException.class);

        String expected1 = file + ":9: administrations[0].services[0].hours.weekly.tue: slot TUESDAY 11:00-13:00 overlaps TUESDAY 08:30-12:00";
        String expected2 = file + ":11: administrations[0].services[0].menus.main.options.1: unknown queue 'accueil' (no queue is defined: add it under queues:)";
        String expected3 = file + ":12: administrations[0].services[0].numbers[0].number: not an E.164 number";
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "The directory file is invalid (3 problem(s))",
                expected1, expected2, expected3);
        assertThat(output.getAll()).as("a short report, not a stack trace").doesNotContain("\tat org.springframework");
    }

    @Test
    void the_analyzer_lists_one_line_per_problem() {
        var problems = java.util.List.of(new fr.accueil.server.directory.LocatedProblem("d.yaml", 3, "administrations[0].kind", "unknown kind 'x'"));
        FailureAnalysis analysis = new TestableAnalyzer().analyze(new InvalidDirectoryFileException(problems));
        assertThat(analysis.getDescription()).endsWith("\n  d.yaml:3: administrations[0].kind: unknown kind 'x'");
        assertThat(analysis.getAction()).contains("docs/configuration.md");
    }

    @Test
    void an_out_of_range_setting_stops_the_start_up_naming_the_property_and_its_limit(CapturedOutput output) {
        assertThatThrownBy(() -> run("--accueil.sip.port=70000")).isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("accueil.sip.port must be between 0 and 65535, got 70000");
    }

    static final class TestableAnalyzer extends InvalidDirectoryFailureAnalyzer {
        FailureAnalysis analyze(InvalidDirectoryFileException e) {
            return analyze(e, e);
        }
    }
}
