package fr.accueil.server.indicators.internal;

import fr.accueil.core.indicators.Dimension;
import fr.accueil.core.indicators.GroupKey;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.server.indicators.IndicatorFilter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON and CSV documents of the indicators API and open data, both from {@link IndicatorTable} so
 * that they carry the same figures. CSV: UTF-8, comma, header row, RFC 4180 quoting, ISO 8601 dates
 * with offset, one row per slice and indicator; an unavailable value is written « non disponible »
 * (declared as a missing value in the Table Schema). Stateless.
 */
public final class IndicatorDocuments {
    public static final String NOT_AVAILABLE = "non disponible";
    public static final List<String> CSV_COLUMNS = List.of("period", "period_start", "administration", "service", "number",
            "channel", "indicator", "unit", "numerator", "denominator", "value", "rule_set_version");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private IndicatorDocuments() {
    }

    public static ObjectNode ruleSet(RuleSet rules) {
        ObjectNode node = JSON.objectNode();
        node.put("version", rules.version());
        node.put("shortAbandonThresholdSeconds", rules.shortAbandonThreshold().toMillis() / 1000.0);
        node.put("serviceLevelTargetSeconds", rules.serviceLevelTarget().toMillis() / 1000.0);
        node.put("callbacksCounted", rules.countCallbacks());
        node.put("satisfiedFrom", rules.satisfaction().satisfiedFrom());
        node.put("dissatisfiedUpTo", rules.satisfaction().dissatisfiedUpTo());
        return node;
    }

    public static ObjectNode json(RuleSet rules, Query query, IndicatorFilter filter, Map<Slice, Indicators> result) {
        ObjectNode root = JSON.objectNode();
        root.set("ruleSet", ruleSet(rules));
        root.put("period", IndicatorRequest.PERIODS.get(query.period().ordinal()));
        root.put("zone", query.zone().getId());
        root.put("from", query.from().atZone(query.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        root.put("to", query.to().atZone(query.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ArrayNode group = root.putArray("group");
        for (Dimension d : Dimension.values()) {
            if (query.grouping().contains(d)) {
                group.add(d.name().toLowerCase(Locale.ROOT));
            }
        }
        ObjectNode f = root.putObject("filter");
        filter.administration().ifPresent(v -> f.put("administration", v));
        filter.service().ifPresent(v -> f.put("service", v));
        filter.number().ifPresent(v -> f.put("number", v));
        filter.channel().ifPresent(v -> f.put("channel", v.name().toLowerCase(Locale.ROOT)));
        ArrayNode slices = root.putArray("slices");
        for (var entry : result.entrySet()) {
            Slice slice = entry.getKey();
            ObjectNode current = slices.addObject();
            current.put("periodStart", IndicatorTable.periodStart(query, slice).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            putGroup(current, slice.group());
            current.put("received", entry.getValue().tallies().received());
            ObjectNode figures = current.putObject("indicators");
            for (IndicatorTable.Row row : IndicatorTable.rows(query, Map.of(slice, entry.getValue()))) {
                ObjectNode figure = figures.putObject(row.figure().id);
                figure.put("numerator", row.numerator());
                figure.put("denominator", row.denominator());
                if (row.available()) {
                    figure.put("value", row.value());
                } else {
                    figure.putNull("value");
                }
                figure.put("available", row.available());
                figure.put("unit", row.figure().unit);
            }
        }
        return root;
    }

    private static void putGroup(ObjectNode node, GroupKey g) {
        if (!GroupKey.ALL.equals(g.administration())) {
            node.put("administration", g.administration());
        }
        if (!GroupKey.ALL.equals(g.service())) {
            node.put("service", g.service());
        }
        if (!GroupKey.ALL.equals(g.number())) {
            node.put("number", g.number());
        }
        if (!GroupKey.ALL.equals(g.channel())) {
            node.put("channel", g.channel().toLowerCase(Locale.ROOT));
        }
    }

    public static String csv(RuleSet rules, Query query, Map<Slice, Indicators> result) {
        StringBuilder out = new StringBuilder(256 + result.size() * 14 * 100);
        out.append(String.join(",", CSV_COLUMNS)).append("\r\n");
        String period = IndicatorRequest.PERIODS.get(query.period().ordinal());
        for (IndicatorTable.Row row : IndicatorTable.rows(query, result)) {
            GroupKey g = row.group();
            field(out, period).append(',');
            field(out, row.periodStart().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(',');
            field(out, all(g.administration())).append(',');
            field(out, all(g.service())).append(',');
            field(out, all(g.number())).append(',');
            field(out, all(g.channel()).toLowerCase(Locale.ROOT)).append(',');
            field(out, row.figure().id).append(',');
            field(out, row.figure().unit).append(',');
            out.append(row.numerator()).append(',').append(row.denominator()).append(',');
            field(out, row.available() ? row.value().toPlainString() : NOT_AVAILABLE).append(',');
            field(out, rules.version()).append("\r\n");
        }
        return out.toString();
    }

    /** A dimension that is not grouped is empty in the CSV: the row covers all its values. */
    private static String all(String value) {
        return GroupKey.ALL.equals(value) ? "" : value;
    }

    private static StringBuilder field(StringBuilder out, String value) {
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            out.append(value);
        }
        return out;
    }
}
