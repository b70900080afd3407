package fr.accueil.server.imports.internal;

import fr.accueil.core.imports.Target;
import fr.accueil.core.imports.TargetMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads an import map: which administration, service (and number) a source's queue or dialled
 * extension belongs to. Two spellings (docs/imports.md):
 *
 * <pre>
 * # map.yaml
 * support-etat-civil:
 *   administration: mairie-exempleville
 *   service: etat-civil
 *   number: "+33199000200"
 * </pre>
 *
 * <pre>
 * # map.csv (header required)
 * name,administration,service,number
 * support-etat-civil,mairie-exempleville,etat-civil,+33199000200
 * </pre>
 *
 * A file ending in {@code .csv} is read as CSV, anything else as YAML. Problems throw
 * {@link InvalidMapException} with the file and line. Stateless.
 */
public final class TargetMapFile {

    /** A map file that cannot be used; the message names the file, the line when known, and why. */
    public static final class InvalidMapException extends RuntimeException {
        public InvalidMapException(String message) {
            super(message);
        }
    }

    private TargetMapFile() {
    }

    public static TargetMap read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidMapException(file + ": no such map file");
        }
        try {
            return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? csv(file) : yaml(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TargetMap csv(Path file) throws IOException {
        Map<String, Target> map = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equals("name,administration,service,number")) {
                throw new InvalidMapException(file + ":1: the header must be 'name,administration,service,number'");
            }
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 4) {
                    throw new InvalidMapException(file + ":" + n + ": expected 4 fields (name,administration,service,number), got " + f.length);
                }
                put(map, file, n, f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim());
            }
        }
        if (map.isEmpty()) {
            throw new InvalidMapException(file + ": the map is empty");
        }
        return new TargetMap(map);
    }

    private static TargetMap yaml(Path file) throws IOException {
        Object root;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InvalidMapException(file + ": not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> entries) || entries.isEmpty()) {
            throw new InvalidMapException(file + ": expected a mapping of names to {administration, service, number}");
        }
        Map<String, Target> map = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> fields)) {
                throw new InvalidMapException(file + ": '" + name + "' must be a mapping with administration, service and number");
            }
            put(map, file, 0, name, text(fields.get("administration")), text(fields.get("service")), text(fields.get("number")));
        }
        return new TargetMap(map);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).trim();
    }

    private static void put(Map<String, Target> map, Path file, int line, String name, String administration, String service,
                            String number) {
        String where = file + (line > 0 ? ":" + line : "") + ": '" + name + "'";
        if (name.isEmpty()) {
            throw new InvalidMapException(where + ": the name is empty");
        }
        if (administration.isEmpty() || service.isEmpty()) {
            throw new InvalidMapException(where + ": administration and service are required");
        }
        if (map.put(name, new Target(administration, service, number)) != null) {
            throw new InvalidMapException(where + ": mapped twice");
        }
    }
}
