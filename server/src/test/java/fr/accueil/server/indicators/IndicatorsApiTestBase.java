package fr.accueil.server.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.Outcome;
import fr.accueil.server.AccueilApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indicators API, CSV and open data on the real application context (no SIP), run by a subclass
 * per database. Contacts are written through the journal, so the figures come from roll-ups kept as
 * contacts end; each test uses an administration of its own so that tests share one context.
 */
@SpringBootTest(classes = AccueilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"accueil.sip.enabled=false", "accueil.imports.token=s3cret-token-for-tests", "accueil.indicators.rule-set-version=api-1",
                "accueil.indicators.service-level-target=30s"})
abstract class IndicatorsApiTestBase {
    @LocalServerPort
    int port;
    @Autowired
    ContactJournal journal;

    static final String MAP_YAML = """
            accueil-tel:
              administration: caf-upload
              service: accueil
              number: "0140000000"
            """;

    @DynamicPropertySource
    static void importMap(DynamicPropertyRegistry registry) throws IOException {
        Path map = Files.createTempFile("accueil-map", ".yaml");
        Files.writeString(map, MAP_YAML);
        registry.add("accueil.imports.map-file", map::toString);
    }

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    record Reply(int status, String contentType, String text) {
        JsonNode body() {
            return JsonMapper.builder().build().readTree(text);
        }
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    Reply post(String path, String body, String token) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void record(String administration, String service, Instant at, Outcome outcome) {
        ContactStart start = new ContactStart(ContactId.random(), Channel.PHONE, administration, service, "+33199000100", "f00d", at);
        journal.open(start);
        journal.close(start.id(), outcome, at.plusSeconds(30));
    }

    /** 2 March 2026, Paris (UTC+1): 4 contacts in hours on day 1 for one service, 1 closed-hours on day 2, another service. */
    String fixture() {
        String administration = unique("mairie");
        Instant day1 = Instant.parse("2026-03-02T08:00:00Z");
        record(administration, "etat-civil", day1, Outcome.SELF_SERVICE_COMPLETED);
        record(administration, "etat-civil", day1.plusSeconds(600), Outcome.ABANDONED_IN_IVR);
        record(administration, "etat-civil", day1.plusSeconds(3600), Outcome.REFUSED_AT_CAPACITY);
        record(administration, "etat-civil", day1.plusSeconds(7200), Outcome.SELF_SERVICE_COMPLETED);
        record(administration, "etat-civil", Instant.parse("2026-03-03T19:00:00Z"), Outcome.CLOSED_HOURS);
        record(administration, "urbanisme", day1, Outcome.TRANSFERRED);
        return administration;
    }

    @Test
    void indicators_by_day_carry_numerators_denominators_values_and_the_rule_set() throws Exception {
        String administration = fixture();
        Reply reply = get("/api/v1/indicators?administration=" + administration + "&service=etat-civil&period=day"
                + "&from=2026-03-02&to=2026-03-03&group=administration,service");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.get("ruleSet").get("version").asString()).isEqualTo("api-1");
        assertThat(body.get("ruleSet").get("serviceLevelTargetSeconds").asDouble()).isEqualTo(30.0);
        assertThat(body.get("ruleSet").get("callbacksCounted").asBoolean()).isTrue();
        assertThat(body.get("from").asString()).isEqualTo("2026-03-02T00:00:00+01:00");
        assertThat(body.get("to").asString()).isEqualTo("2026-03-04T00:00:00+01:00");
        JsonNode slices = body.get("slices");
        assertThat(slices).hasSize(2);
        JsonNode day1 = slices.get(0);
        assertThat(day1.get("periodStart").asString()).isEqualTo("2026-03-02T00:00:00+01:00");
        assertThat(day1.get("administration").asString()).isEqualTo(administration);
        assertThat(day1.get("service").asString()).isEqualTo("etat-civil");
        assertThat(day1.has("number")).isFalse();
        JsonNode global = day1.get("indicators").get("global_rate");
        assertThat(global.get("numerator").asLong()).isEqualTo(2);
        assertThat(global.get("denominator").asLong()).isEqualTo(4);
        assertThat(global.get("value").asDouble()).isEqualTo(0.5);
        assertThat(global.get("available").asBoolean()).isTrue();
        assertThat(day1.get("indicators").get("saturation_refusals").get("numerator").asLong()).isEqualTo(1);
        JsonNode pickup = day1.get("indicators").get("pickup_rate");
        assertThat(pickup.get("denominator").asLong()).as("no queue yet: nothing presented").isZero();
        assertThat(pickup.get("available").asBoolean()).isFalse();
        assertThat(pickup.get("value").isNull()).as("unavailable, never 0").isTrue();
        JsonNode day2 = slices.get(1);
        assertThat(day2.get("periodStart").asString()).isEqualTo("2026-03-03T00:00:00+01:00");
        assertThat(day2.get("indicators").get("closed_hours_calls").get("numerator").asLong()).isEqualTo(1);
        assertThat(day2.get("indicators").get("global_rate").get("available").asBoolean()).isFalse();

        Reply all = get("/api/v1/indicators?administration=" + administration + "&period=all&from=2026-03-01&to=2026-03-31");
        JsonNode total = all.body().get("slices").get(0);
        assertThat(total.get("received").asLong()).isEqualTo(6);
        assertThat(total.get("indicators").get("transfers").get("numerator").asLong()).isEqualTo(1);
        assertThat(total.get("indicators").get("transfers").get("denominator").asLong()).isEqualTo(5);
    }

    @Test
    void the_csv_says_exactly_what_the_json_says() throws Exception {
        String administration = fixture();
        String query = "?administration=" + administration + "&period=day&from=2026-03-01&to=2026-03-31&group=administration,service";
        JsonNode body = get("/api/v1/indicators" + query).body();
        Reply csv = get("/api/v1/indicators.csv" + query);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).isEqualTo("text/csv;charset=UTF-8");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("period,period_start,administration,service,number,channel,indicator,unit,numerator,"
                + "denominator,value,rule_set_version");
        List<String> expected = new ArrayList<>();
        for (JsonNode slice : body.get("slices")) {
            Iterator<String> names = slice.get("indicators").propertyNames().iterator();
            while (names.hasNext()) {
                String name = names.next();
                JsonNode f = slice.get("indicators").get(name);
                expected.add(String.join(",", "day", slice.get("periodStart").asString(), slice.get("administration").asString(),
                        slice.get("service").asString(), "", "", name, f.get("unit").asString(), f.get("numerator").asString(),
                        f.get("denominator").asString(), f.get("available").asBoolean() ? new java.math.BigDecimal(f.get("value").asString()).setScale(6).toPlainString()
                                : "non disponible", "api-1"));
            }
        }
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expected);
        assertThat(lines).hasSize(1 + 3 * 14);
        assertThat(lines).contains("day,2026-03-02T00:00:00+01:00," + administration + ",etat-civil,,,global_rate,ratio,2,4,0.500000,api-1");
    }

    @Test
    void bad_parameters_are_400_problems_naming_the_parameter_and_the_reason() throws Exception {
        assertBad("period=fortnight", "period",
                "'period' must be one of quarter-hour, day, week, month, quarter, year, all, got 'fortnight'");
        assertBad("group=colour", "group", "'group' must list some of administration, service, number, channel, got 'colour'");
        assertBad("from=yesterday", "from", "'from' must be an ISO 8601 date (2026-03-02) or instant on a quarter hour "
                + "(2026-03-02T08:15:00+01:00), got 'yesterday'");
        assertBad("from=2026-03-02T08:10:00Z&to=2026-03-03", "from",
                "'from' must fall on a quarter hour (roll-ups are by 15 minutes), got '2026-03-02T08:10:00Z'");
        assertBad("from=2026-03-03&to=2026-03-01", "from",
                "'from' (2026-03-02T23:00:00Z) must be before 'to' (2026-03-01T23:00:00Z)");
        assertBad("channel=fax", "channel", "'channel' must be one of phone, web, got 'fax'");
        assertBad("period=quarter-hour&from=2026-01-01&to=2026-03-31", "period",
                "'period=quarter-hour' is limited to 31 days; ask for a shorter range or a longer period");
        assertBad("service=" + "x".repeat(65), "service", "'service' must be at most 64 characters long");
        Reply csv = get("/api/v1/indicators.csv?period=fortnight");
        assertThat(csv.status()).isEqualTo(400);
        assertThat(csv.contentType()).contains("application/problem+json");
    }

    private void assertBad(String query, String parameter, String detail) throws Exception {
        Reply reply = get("/api/v1/indicators?" + query);
        assertThat(reply.status()).as(query).isEqualTo(400);
        assertThat(reply.contentType()).contains("application/problem+json");
        assertThat(reply.body().get("parameter").asString()).isEqualTo(parameter);
        assertThat(reply.body().get("detail").asString()).isEqualTo(detail);
    }

    @Test
    void recompute_from_loopback_rebuilds_the_same_figures() throws Exception {
        String administration = fixture();
        String query = "/api/v1/indicators?administration=" + administration + "&period=month&from=2026-03-01&to=2026-03-31&group=service";
        String before = get(query).text();
        Reply recompute = post("/api/v1/indicators/recompute", "", null);
        assertThat(recompute.status()).isEqualTo(200);
        assertThat(recompute.body().get("ruleSetVersion").asString()).isEqualTo("api-1");
        assertThat(recompute.body().get("contacts").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(get(query).text()).isEqualTo(before);
    }

    @Test
    void open_data_gives_the_current_quarter_by_administration_and_service_with_its_table_schema() throws Exception {
        String administration = unique("prefecture");
        record(administration, "titres", Instant.now().minusSeconds(60), Outcome.SELF_SERVICE_COMPLETED);
        Reply csv = get("/opendata/indicators.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text().lines()).anyMatch(l -> l.startsWith("quarter,") && l.contains("," + administration + ",titres,,,global_rate,ratio,1,1,1.000000,api-1"));
        Reply json = get("/opendata/indicators.json");
        assertThat(json.body().get("period").asString()).isEqualTo("quarter");
        assertThat(json.body().get("group")).extracting(JsonNode::asString).containsExactly("administration", "service");
        Reply schema = get("/opendata/indicators.schema.json");
        assertThat(schema.status()).isEqualTo(200);
        List<String> fields = new ArrayList<>();
        schema.body().get("fields").forEach(f -> fields.add(f.get("name").asString()));
        assertThat(String.join(",", fields)).isEqualTo(csv.text().lines().findFirst().orElseThrow());
        assertThat(schema.body().get("missingValues").get(0).asString()).isEqualTo("non disponible");
    }

    @Test
    void uploads_need_the_bearer_token_and_a_known_format() throws Exception {
        Reply none = post("/api/v1/imports/csv", "id\n", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).contains("application/problem+json");
        assertThat(post("/api/v1/imports/csv", "id\n", "wrong-token-wrong-token").status()).isEqualTo(401);
        Reply unknown = post("/api/v1/imports/xls", "id\n", "s3cret-token-for-tests");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("parameter").asString()).isEqualTo("format");
        assertThat(unknown.body().get("detail").asString()).isEqualTo("'format' must be one of queue-log, cdr, freeswitch, csv, got 'xls'");
    }

    @Test
    void an_uploaded_queue_log_feeds_the_indicators_and_a_second_upload_adds_nothing() throws Exception {
        String uniqueid = String.valueOf(System.nanoTime());
        String log = "1772438500|" + uniqueid + ".1|accueil-tel|NONE|ENTERQUEUE||0600000001|1\n"
                + "1772438520|" + uniqueid + ".1|accueil-tel|PJSIP/a|CONNECT|20|x.5|3\n"
                + "1772438700|" + uniqueid + ".1|accueil-tel|PJSIP/a|COMPLETECALLER|20|180|1\n"
                + "1772438800|" + uniqueid + ".2|accueil-tel|NONE|ENTERQUEUE||0600000002|1\n"
                + "1772438830|" + uniqueid + ".2|accueil-tel|NONE|ABANDON|1|1|30\n"
                + "oops\n"
                + "1772438900|" + uniqueid + ".3|autre-file|NONE|ENTERQUEUE||0600000003|1\n"
                + "1772438930|" + uniqueid + ".3|autre-file|NONE|ABANDON|1|1|30\n";
        String query = "/api/v1/indicators?administration=caf-upload&period=all&from=2026-03-01&to=2026-04-01";
        long before = pickupDenominator(get(query).body());
        Reply first = post("/api/v1/imports/queue-log", log, "s3cret-token-for-tests");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("lines").asLong()).isEqualTo(8);
        assertThat(first.body().get("added").asLong()).isEqualTo(2);
        assertThat(first.body().get("problemCount").asLong()).isEqualTo(2);
        assertThat(first.body().get("problems").get(0).get("line").asLong()).isEqualTo(6);
        assertThat(first.body().get("problems").get(1).get("reason").asString()).startsWith("queue 'autre-file' has no mapping");
        assertThat(pickupDenominator(get(query).body())).isEqualTo(before + 2);

        Reply second = post("/api/v1/imports/queue-log", log, "s3cret-token-for-tests");
        assertThat(second.body().get("added").asLong()).isZero();
        assertThat(second.body().get("duplicates").asLong()).isEqualTo(2);
        assertThat(pickupDenominator(get(query).body())).isEqualTo(before + 2);
    }

    private static long pickupDenominator(JsonNode body) {
        JsonNode slices = body.get("slices");
        return slices.isEmpty() ? 0 : slices.get(0).get("indicators").get("pickup_rate").get("denominator").asLong();
    }
}
