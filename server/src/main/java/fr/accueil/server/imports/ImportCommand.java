package fr.accueil.server.imports;

import fr.accueil.core.imports.TargetMap;
import fr.accueil.server.imports.internal.TargetMapFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code ./accueil import FORMAT FILE [--map MAP]}: the launcher starts the server with
 * {@code accueil.command=import} (no SIP, no web server), this runner imports the file, prints the
 * summary and the application exits with 0 (every line imported or skipped as duplicate), 1 (some
 * lines had problems, the rest was imported) or 2 (nothing could be imported: missing file, bad map).
 */
@Component
@ConditionalOnProperty(name = "accueil.command", havingValue = "import")
public class ImportCommand implements ApplicationRunner, ExitCodeGenerator {
    private final ContactImporter importer;
    private final Environment environment;
    private final PrintStream out = System.out;
    private volatile int exitCode = 2;

    public ImportCommand(ContactImporter importer, Environment environment) {
        this.importer = importer;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        String formatName = environment.getProperty("accueil.import.format", "");
        ImportFormat format = ImportFormat.of(formatName).orElse(null);
        if (format == null) {
            fail("accueil import: unknown format '" + formatName + "'; expected one of " + ImportFormat.names());
            return;
        }
        String fileName = environment.getProperty("accueil.import.file", "");
        Path file = Path.of(fileName);
        if (fileName.isBlank() || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            fail("accueil import: cannot read the file '" + fileName + "'");
            return;
        }
        TargetMap map = null;
        String mapName = environment.getProperty("accueil.import.map", "");
        if (format.needsMap()) {
            if (mapName.isBlank()) {
                fail("accueil import " + format.id() + ": --map MAP is required (queue or extension → administration, service, number)");
                return;
            }
            try {
                map = TargetMapFile.read(Path.of(mapName));
            } catch (TargetMapFile.InvalidMapException e) {
                fail("accueil import: " + e.getMessage());
                return;
            }
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ImportReport report = importer.run(format, in, map);
            out.print(report.text());
            out.flush();
            exitCode = report.problemCount() == 0 ? 0 : 1;
        } catch (IOException | UncheckedIOException e) {
            fail("accueil import: reading " + file + " failed: " + e.getMessage());
        }
    }

    private void fail(String message) {
        System.err.println(message);
        exitCode = 2;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
