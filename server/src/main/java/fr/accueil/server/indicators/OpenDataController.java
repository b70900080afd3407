package fr.accueil.server.indicators;

import fr.accueil.core.indicators.Dimension;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.server.indicators.internal.IndicatorDocuments;
import fr.accueil.server.indicators.internal.IndicatorTable;
import fr.accueil.server.settings.AccueilSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Open data at stable URLs: the current quarter's indicators by administration and service, as CSV
 * and JSON, and the frictionless Table Schema of the CSV (https://specs.frictionlessdata.io/table-schema/).
 */
@RestController
public class OpenDataController {
    private final IndicatorQueries queries;
    private final Clock clock;
    private final ZoneId zone;

    public OpenDataController(IndicatorQueries queries, Clock clock, AccueilSettings settings) {
        this.queries = queries;
        this.clock = clock;
        this.zone = settings.zone();
    }

    /** From the start of the current quarter (local) to the end of the current quarter hour. */
    Query currentQuarter() {
        Instant now = clock.instant();
        return new Query(Set.of(Dimension.ADMINISTRATION, Dimension.SERVICE), Period.QUARTER, zone, Period.QUARTER.startOf(now, zone),
                Period.quarterHourOf(now).plusSeconds(Period.QUARTER_HOUR_SECONDS));
    }

    @GetMapping("/opendata/indicators.csv")
    public ResponseEntity<String> csv() {
        Query query = currentQuarter();
        return ResponseEntity.ok().contentType(IndicatorsController.CSV)
                .header("Content-Disposition", "inline; filename=\"indicateurs.csv\"")
                .header("Link", "</opendata/indicators.schema.json>; rel=\"describedby\"")
                .body(IndicatorDocuments.csv(queries.rules(), query, queries.compute(query)));
    }

    @GetMapping(value = "/opendata/indicators.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode json() {
        Query query = currentQuarter();
        return IndicatorDocuments.json(queries.rules(), query, IndicatorFilter.NONE, queries.compute(query));
    }

    @GetMapping(value = "/opendata/indicators.schema.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode schema() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode();
        ArrayNode fields = schema.putArray("fields");
        field(fields, "period", "string", "Granularité de la ligne",
                "quarter-hour, day, week, month, quarter, year ou all").putObject("constraints").set("enum",
                enumOf(json, "quarter-hour", "day", "week", "month", "quarter", "year", "all"));
        field(fields, "period_start", "datetime", "Début de la période",
                "Date et heure ISO 8601 avec décalage, à minuit heure locale pour les jours et plus");
        field(fields, "administration", "string", "Administration", "Identifiant de l'administration ; vide : toutes");
        field(fields, "service", "string", "Service", "Identifiant du service dans son administration ; vide : tous");
        field(fields, "number", "string", "Numéro", "Numéro appelé ; vide : tous");
        field(fields, "channel", "string", "Canal", "phone ; vide : tous");
        field(fields, "indicator", "string", "Indicateur", "Voir docs/indicators-rules.md").putObject("constraints")
                .set("enum", enumOf(json, Arrays.stream(IndicatorTable.Figure.values()).map(f -> f.id).toArray(String[]::new)));
        field(fields, "unit", "string", "Unité de la valeur",
                "ratio : part entre 0 et 1 ; seconds : moyenne en secondes ; net_ratio : entre -1 et 1").putObject("constraints")
                .set("enum", enumOf(json, "ratio", "seconds", "net_ratio"));
        field(fields, "numerator", "integer", "Numérateur",
                "Nombre d'appels ; pour une moyenne, somme des durées en millisecondes ; pour la satisfaction nette, satisfaits moins insatisfaits");
        field(fields, "denominator", "integer", "Dénominateur", "Nombre d'appels (ou de réponses) ; 0 : valeur non disponible")
                .putObject("constraints").put("minimum", 0);
        field(fields, "value", "number", "Valeur", "Numérateur / dénominateur (moyennes en secondes), 6 décimales ; « non disponible » si le dénominateur est 0");
        field(fields, "rule_set_version", "string", "Version des règles de calcul", "Règles publiées avec la méthodologie");
        schema.set("missingValues", enumOf(json, IndicatorDocuments.NOT_AVAILABLE));
        ArrayNode key = schema.putArray("primaryKey");
        for (String k : new String[] {"period", "period_start", "administration", "service", "number", "channel", "indicator"}) {
            key.add(k);
        }
        return schema;
    }

    private static ObjectNode field(ArrayNode fields, String name, String type, String title, String description) {
        ObjectNode f = fields.addObject();
        f.put("name", name);
        f.put("type", type);
        f.put("title", title);
        f.put("description", description);
        return f;
    }

    private static ArrayNode enumOf(JsonNodeFactory json, String... values) {
        ArrayNode array = json.arrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }
}
