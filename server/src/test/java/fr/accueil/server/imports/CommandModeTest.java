package fr.accueil.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.server.AccueilApplication;
import fr.accueil.server.contacts.InterruptedContactsRecovery;
import fr.accueil.server.indicators.RecomputeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command modes the launcher uses ({@code ./accueil import}, {@code ./accueil recompute}), run
 * in-process with the launcher's properties: no SIP, no web server, the runner's exit code.
 */
class CommandModeTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, boolean recovery, boolean recomputeCommand) {
    }

    private Run run(String... properties) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // As the launcher does: command-line arguments, which override application.yaml.
            List<String> args = new ArrayList<>(List.of("--accueil.data-dir=" + dir.resolve("data"), "--accueil.sip.enabled=false",
                    "--spring.main.web-application-type=none"));
            for (String p : properties) {
                args.add("--" + p);
            }
            ConfigurableApplicationContext context = new SpringApplicationBuilder(AccueilApplication.class).run(args.toArray(String[]::new));
            boolean recovery = !context.getBeansOfType(InterruptedContactsRecovery.class).isEmpty();
            boolean recompute = !context.getBeansOfType(RecomputeCommand.class).isEmpty();
            int code = SpringApplication.exit(context);
            return new Run(code, captured.toString(StandardCharsets.UTF_8), recovery, recompute);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void import_prints_the_summary_and_exits_1_when_some_lines_had_problems_then_0_for_a_clean_file() throws Exception {
        Path map = Files.writeString(dir.resolve("map.csv"), "name,administration,service,number\ncaf-accueil,caf,accueil,0140000000\n");
        Path log = Files.writeString(dir.resolve("queue_log"), """
                1772438500|u1|caf-accueil|NONE|ENTERQUEUE||0600000001|1
                1772438540|u1|caf-accueil|NONE|ABANDON|1|2|35
                garbage
                """);
        Run first = run("accueil.command=import", "accueil.import.format=queue-log", "accueil.import.file=" + log,
                "accueil.import.map=" + map);
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.out()).contains("line 3: truncated line")
                .contains("Import queue-log: 3 line(s) read, 1 record(s) found, 1 added, 0 duplicate(s) skipped");
        assertThat(first.recovery()).as("commands leave live contacts alone").isFalse();
        assertThat(first.recomputeCommand()).isFalse();

        Path clean = Files.writeString(dir.resolve("clean"), "1772438500|u1|caf-accueil|NONE|ENTERQUEUE||0600000001|1\n"
                + "1772438540|u1|caf-accueil|NONE|ABANDON|1|2|35\n");
        Run again = run("accueil.command=import", "accueil.import.format=queue-log", "accueil.import.file=" + clean,
                "accueil.import.map=" + map);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("1 record(s) found, 0 added, 1 duplicate(s) skipped");

        Run recompute = run("accueil.command=recompute");
        assertThat(recompute.exitCode()).isZero();
        assertThat(recompute.out()).contains("Recomputed the roll-ups of rule set 2026-1: 0 contact(s), 1 imported record(s)");
        assertThat(recompute.recomputeCommand()).isTrue();
    }

    @Test
    void import_without_a_map_or_file_exits_2() {
        Run noMap = run("accueil.command=import", "accueil.import.format=queue-log", "accueil.import.file=" + dir);
        assertThat(noMap.exitCode()).isEqualTo(2);
        Run badFormat = run("accueil.command=import", "accueil.import.format=xls", "accueil.import.file=x");
        assertThat(badFormat.exitCode()).isEqualTo(2);
    }
}
