package fr.accueil.server.indicators;

import fr.accueil.server.indicators.internal.IndicatorDocuments;
import fr.accueil.server.indicators.internal.IndicatorRequest;
import fr.accueil.server.indicators.internal.Recomputation;
import fr.accueil.server.settings.AccueilSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/indicators} (JSON) and {@code GET /api/v1/indicators.csv} (the same figures as
 * open-data CSV), from the roll-ups; {@code POST /api/v1/indicators/recompute}, refused (403) to
 * anyone but a loopback caller until the API has authentication. Parameters: docs/indicators-api.md.
 */
@RestController
public class IndicatorsController {
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final IndicatorQueries queries;
    private final Recomputation recomputation;
    private final Clock clock;
    private final ZoneId zone;

    public IndicatorsController(IndicatorQueries queries, Recomputation recomputation, Clock clock, AccueilSettings settings) {
        this.queries = queries;
        this.recomputation = recomputation;
        this.clock = clock;
        this.zone = settings.zone();
    }

    @GetMapping(value = "/api/v1/indicators", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode indicators(@RequestParam(required = false) String administration, @RequestParam(required = false) String service,
                                 @RequestParam(required = false) String number, @RequestParam(required = false) String channel,
                                 @RequestParam(required = false) String period, @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to, @RequestParam(required = false) String group) {
        IndicatorRequest request = IndicatorRequest.parse(administration, service, number, channel, period, from, to, group, zone, clock);
        return IndicatorDocuments.json(queries.rules(), request.query(), request.filter(),
                queries.compute(request.query(), request.filter()));
    }

    @GetMapping(value = "/api/v1/indicators.csv")
    public ResponseEntity<String> indicatorsCsv(@RequestParam(required = false) String administration,
                                                @RequestParam(required = false) String service,
                                                @RequestParam(required = false) String number,
                                                @RequestParam(required = false) String channel,
                                                @RequestParam(required = false) String period,
                                                @RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to,
                                                @RequestParam(required = false) String group) {
        IndicatorRequest request = IndicatorRequest.parse(administration, service, number, channel, period, from, to, group, zone, clock);
        String body = IndicatorDocuments.csv(queries.rules(), request.query(), queries.compute(request.query(), request.filter()));
        return ResponseEntity.ok().contentType(CSV).header("Content-Disposition", "inline; filename=\"indicateurs.csv\"").body(body);
    }

    @PostMapping("/api/v1/indicators/recompute")
    public ResponseEntity<?> recompute(HttpServletRequest request) {
        if (!isLoopback(request.getRemoteAddr())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "the roll-ups can only be recomputed from the server itself (loopback address)");
            problem.setTitle("Recompute refused");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
        }
        Recomputation.Result result = recomputation.run();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ruleSetVersion", result.ruleSetVersion());
        body.put("contacts", result.contacts());
        body.put("importedRecords", result.importedRecords());
        body.put("skipped", result.skipped());
        body.put("rowsDeleted", result.rowsDeleted());
        body.put("rows", result.rows());
        body.put("tookMillis", result.took().toMillis());
        return ResponseEntity.ok(body);
    }

    @ExceptionHandler(IndicatorRequest.BadParameter.class)
    ProblemDetail badParameter(IndicatorRequest.BadParameter e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad parameter");
        problem.setType(URI.create("urn:accueil:problem:bad-parameter"));
        problem.setProperty("parameter", e.parameter());
        return problem;
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
