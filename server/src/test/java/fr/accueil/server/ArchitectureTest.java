package fr.accueil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/architecture.md, checked on the sources: core imports no framework and
 * does no I/O; telephony depends on core only; the SIP library stays inside telephony.sip.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<String> violations(String module, Pattern forbidden, String exceptUnder) {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> exceptUnder == null || !f.toString().contains(exceptUnder))
                    .flatMap(f -> lines(f).stream()
                            .filter(l -> l.startsWith("import ") && forbidden.matcher(l).find())
                            .map(l -> sources.relativize(f) + ": " + l))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void coreIsPlainJavaWithoutIo() {
        assertThat(violations("core", Pattern.compile(
                "org\\.springframework|java\\.sql|javax\\.sql|java\\.net\\.|java\\.nio\\.(file|channels)|java\\.io\\.File|javax\\.sip|gov\\.nist|fr\\.accueil\\.(telephony|server)"), null))
                .isEmpty();
    }

    @Test
    void telephonyDependsOnCoreOnly() {
        assertThat(violations("telephony", Pattern.compile("org\\.springframework|java\\.sql|fr\\.accueil\\.server"), null))
                .isEmpty();
    }

    @Test
    void theSipLibraryStaysInsideTelephonySip() {
        assertThat(violations("telephony", Pattern.compile("javax\\.sip|gov\\.nist"), "/telephony/sip/")).isEmpty();
        assertThat(violations("server", Pattern.compile("javax\\.sip|gov\\.nist"), null)).isEmpty();
    }

    @Test
    void theCheckSeesAViolationWhenThereIsOne() {
        // Guards the checker itself: the server legitimately imports Spring.
        assertThat(violations("server", Pattern.compile("org\\.springframework"), null)).isNotEmpty();
    }
}
