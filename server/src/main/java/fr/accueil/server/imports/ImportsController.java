package fr.accueil.server.imports;

import fr.accueil.core.imports.TargetMap;
import fr.accueil.server.imports.internal.TargetMapFile;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/imports/{format}}: the request body is the file (UTF-8), read as a stream, so a
 * large file is never held in memory. Authenticated by the bearer token {@code accueil.imports.token}
 * (401 when missing or wrong, 503 when no token is configured: there is no user system yet). The map
 * of queues is {@code accueil.imports.map-file}. Answers the import summary.
 */
@RestController
public class ImportsController {
    private final ContactImporter importer;
    private final ImportSettings settings;

    public ImportsController(ContactImporter importer, ImportSettings settings) {
        this.importer = importer;
        this.settings = settings;
    }

    @PostMapping("/api/v1/imports/{format}")
    public ResponseEntity<?> upload(@PathVariable String format, HttpServletRequest request) throws IOException {
        if (!settings.hasToken()) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Imports disabled",
                    "the upload API is disabled: no accueil.imports.token is configured", null);
        }
        if (!authorised(request.getHeader("Authorization"))) {
            ResponseEntity<ProblemDetail> refused = problem(HttpStatus.UNAUTHORIZED, "Unauthorised",
                    "a valid 'Authorization: Bearer <token>' header is required", null);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer realm=\"accueil-imports\"")
                    .body(refused.getBody());
        }
        ImportFormat f = ImportFormat.of(format).orElse(null);
        if (f == null) {
            return problem(HttpStatus.BAD_REQUEST, "Bad parameter", "'format' must be one of " + ImportFormat.names() + ", got '"
                    + format + "'", "format");
        }
        TargetMap map = null;
        if (f.needsMap()) {
            if (settings.mapFile() == null) {
                return problem(HttpStatus.CONFLICT, "No import map", "the " + f.id()
                        + " import needs a map of queues to services: set accueil.imports.map-file", null);
            }
            try {
                map = TargetMapFile.read(settings.mapFile());
            } catch (TargetMapFile.InvalidMapException e) {
                return problem(HttpStatus.CONFLICT, "Invalid import map", e.getMessage(), null);
            }
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            ImportReport report = importer.run(f, in, map);
            return ResponseEntity.ok(Map.of(
                    "format", f.id(), "lines", report.lines(), "records", report.records(), "added", report.added(),
                    "duplicates", report.duplicates(), "ignored", report.ignored(), "problemCount", report.problemCount(),
                    "problems", report.problems().stream().map(p -> Map.of("line", p.lineNumber(), "reason", p.reason())).toList(),
                    "tookMillis", report.took().toMillis()));
        }
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, settings.token().getBytes(StandardCharsets.UTF_8)); // constant time
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, String parameter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (parameter != null) {
            problem.setType(URI.create("urn:accueil:problem:bad-parameter"));
            problem.setProperty("parameter", parameter);
        }
        return ResponseEntity.status(status).body(problem);
    }
}
