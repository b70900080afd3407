package fr.accueil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A feature's {@code internal} package is used only by that feature: {@code fr.accueil.server.X.internal}
 * may be imported from {@code fr.accueil.server.X} and its sub-packages, nowhere else.
 */
class ModularityTest {
    private static final Pattern PACKAGE = Pattern.compile("^package (fr\\.accueil\\.server(?:\\.[a-z]+)*);", Pattern.MULTILINE);
    private static final Pattern INTERNAL_IMPORT = Pattern.compile("^import (fr\\.accueil\\.server\\.([a-z]+)\\.internal\\.[A-Za-z.]+);", Pattern.MULTILINE);

    @Test
    void internal_packages_are_used_only_by_their_feature() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/fr/accueil/server"))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                assertThat(pkg.find()).as("package of %s", file).isTrue();
                String owner = pkg.group(1);
                Matcher imports = INTERNAL_IMPORT.matcher(text);
                while (imports.find()) {
                    String feature = "fr.accueil.server." + imports.group(2);
                    if (!(owner.equals(feature) || owner.startsWith(feature + "."))) {
                        violations.add(file + " imports " + imports.group(1));
                    }
                }
            }
        }
        assertThat(files).as("source files scanned").isGreaterThan(10);
        assertThat(violations).isEmpty();
    }
}
