package fr.accueil.server.directory;

import fr.accueil.server.directory.internal.DirectoryView;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory as JSON, and its reload. The reload is refused (403) to anyone but a loopback
 * caller until the API has authentication.
 */
@RestController
@RequestMapping("/api/v1/directory")
public class DirectoryController {
    private final DirectoryService directory;
    private final Clock clock;

    public DirectoryController(DirectoryService directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    public DirectoryView directory() {
        return DirectoryView.of(directory.source().name(), directory.current(), clock.instant());
    }

    @PostMapping("/reload")
    public ResponseEntity<?> reload(HttpServletRequest request) {
        if (!isLoopback(request.getRemoteAddr())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "the directory can only be reloaded from the server itself (loopback address)");
            problem.setTitle("Reload refused");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
        }
        return switch (directory.reload()) {
            case DirectoryLoadResult.Loaded loaded -> ResponseEntity.ok(Map.of(
                    "source", directory.source().name(),
                    "administrations", loaded.directory().administrations().size(),
                    "services", loaded.directory().services().size(),
                    "numbers", loaded.directory().numbers().size(),
                    "queues", loaded.directory().queues().size()));
            case DirectoryLoadResult.Rejected rejected -> {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                        rejected.problems().size() + " problem(s) in " + directory.source().name() + "; the running directory is kept");
                problem.setTitle("Invalid directory");
                problem.setType(URI.create("urn:accueil:problem:invalid-directory"));
                List<Map<String, Object>> problems = rejected.problems().stream().map(p -> Map.<String, Object>of(
                        "file", p.file(), "line", p.line(), "path", p.path(), "reason", p.reason(), "message", p.toString())).toList();
                problem.setProperty("problems", problems);
                yield ResponseEntity.unprocessableContent().body(problem);
            }
        };
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
