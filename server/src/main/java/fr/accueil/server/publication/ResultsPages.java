package fr.accueil.server.publication;

import fr.accueil.core.directory.Administration;
import fr.accueil.core.directory.AdministrationId;
import fr.accueil.core.directory.Directory;
import fr.accueil.core.indicators.Dimension;
import fr.accueil.core.indicators.GroupKey;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.core.indicators.Tallies;
import fr.accueil.server.directory.DirectoryService;
import fr.accueil.server.indicators.IndicatorQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the models of the public results pages from {@link IndicatorQueries} and the directory, at
 * every call (the controller caches the rendered pages). Stateless and thread-safe; models are
 * immutable.
 */
public final class ResultsPages {
    private static final Set<Dimension> BY_ADMINISTRATION = Set.of(Dimension.ADMINISTRATION);
    private static final Set<Dimension> BY_SERVICE = Set.of(Dimension.ADMINISTRATION, Dimension.SERVICE);

    private final IndicatorQueries queries;
    private final DirectoryService directory;
    private final Clock clock;
    private final ZoneId zone;

    public ResultsPages(IndicatorQueries queries, DirectoryService directory, Clock clock, ZoneId zone) {
        this.queries = queries;
        this.directory = directory;
        this.clock = clock;
        this.zone = zone;
    }

    // ---- models ----

    /** One administration's line on the home page. */
    public record AdministrationSummary(String slug, String name, RateView current, RateView previous, Trend trend) {
        /** The administration page's path, the slug URL-encoded (imported slugs are not checked). */
        public String href() {
            return "/resultats/" + java.net.URLEncoder.encode(slug, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public record HomePage(String ruleSetVersion, String quarter, String previousQuarter, String computedOn,
                           List<AdministrationSummary> administrations) {
    }

    /** One line of the per-service table (or the administration's total). */
    public record ServiceRow(String slug, String name, RateView pickup, RateView global, RateView ivrAbandons,
                             RateView queueAbandons, MeasureView speedOfAnswer, RateView serviceLevel,
                             RateView closedHours, RateView saturation) {
    }

    public record MonthRow(String label, RateView pickup, RateView global) {
    }

    public record AdministrationPage(String slug, String name, String ruleSetVersion, String quarter,
                                     String serviceLevelTarget, ServiceRow total, List<ServiceRow> services,
                                     List<MonthRow> months, String chartX, String chartY) {
    }

    // ---- pages ----

    public HomePage home() {
        return computeHome();
    }

    /** Empty when the administration is neither in the directory nor in the figures. */
    public Optional<AdministrationPage> administration(String slug) {
        return computeAdministration(slug);
    }

    public RuleSet rules() {
        return queries.rules();
    }

    private HomePage computeHome() {
        ResultsPeriods periods = new ResultsPeriods(clock.instant(), zone);
        Instant current = periods.currentQuarterStart();
        Instant previous = periods.previousQuarterStart();
        Map<Slice, Indicators> rows = queries.compute(new Query(BY_ADMINISTRATION, Period.QUARTER, zone, previous,
                periods.endOfCurrentQuarterHour()));
        String version = queries.rules().version();
        List<AdministrationSummary> lines = new ArrayList<>();
        for (Map.Entry<String, String> admin : administrations(rows).entrySet()) {
            GroupKey key = new GroupKey(admin.getKey(), GroupKey.ALL, GroupKey.ALL, GroupKey.ALL);
            Indicators now = rowOrEmpty(rows, new Slice(current, key));
            Indicators before = rowOrEmpty(rows, new Slice(previous, key));
            lines.add(new AdministrationSummary(admin.getKey(), admin.getValue(), new RateView(now.pickupRate()),
                    new RateView(before.pickupRate()), Trend.between(before.pickupRate(), now.pickupRate())));
        }
        return new HomePage(version, ResultsPeriods.quarterLabel(current, zone),
                ResultsPeriods.quarterLabel(previous, zone), ResultsPeriods.dayLabel(periods.now(), zone), List.copyOf(lines));
    }

    private Optional<AdministrationPage> computeAdministration(String slug) {
        ResultsPeriods periods = new ResultsPeriods(clock.instant(), zone);
        Directory dir = directory.current();
        Optional<Administration> known = dir.administration(new AdministrationId(slug));
        Instant quarter = periods.currentQuarterStart();
        Instant end = periods.endOfCurrentQuarterHour();
        String version = queries.rules().version();
        Map<Slice, Indicators> byService = onlyOf(slug,
                queries.compute(new Query(BY_SERVICE, Period.ALL, zone, quarter, end)));
        Map<Slice, Indicators> months = onlyOf(slug,
                queries.compute(new Query(BY_ADMINISTRATION, Period.MONTH, zone, periods.twelveMonthsStart(), end)));
        if (known.isEmpty() && byService.isEmpty() && months.isEmpty()) {
            return Optional.empty();
        }
        // Directory services first, in their order, then services only the figures know (imports).
        Map<String, String> services = new LinkedHashMap<>();
        known.ifPresent(a -> dir.servicesOf(a.id()).forEach(s -> services.put(s.id().value(), s.name())));
        byService.keySet().stream().map(s -> s.group().service()).sorted()
                .forEach(s -> services.putIfAbsent(s, s));
        List<ServiceRow> rows = new ArrayList<>();
        Tallies total = Tallies.ZERO;
        for (Map.Entry<String, String> service : services.entrySet()) {
            Indicators row = rowOrEmpty(byService, new Slice(Instant.EPOCH,
                    new GroupKey(slug, service.getKey(), GroupKey.ALL, GroupKey.ALL)));
            total = total.plus(row.tallies());
            rows.add(row(service.getKey(), service.getValue(), row));
        }
        ServiceRow totalRow = row(slug, "Ensemble de l’administration", Indicators.from(total, queries.rules()));

        List<MonthRow> monthRows = new ArrayList<>();
        GroupKey adminKey = new GroupKey(slug, GroupKey.ALL, GroupKey.ALL, GroupKey.ALL);
        for (Instant month = periods.twelveMonthsStart(); month.isBefore(end);
             month = month.atZone(zone).plusMonths(1).toInstant()) {
            Indicators row = rowOrEmpty(months, new Slice(month, adminKey));
            monthRows.add(new MonthRow(ResultsPeriods.monthLabel(month, zone), new RateView(row.pickupRate()),
                    new RateView(row.globalRate())));
        }
        String labels = monthRows.stream().map(m -> json(m.label())).collect(Collectors.joining(",", "[", "]"));
        String chartX = "[" + labels + "," + labels + "]";
        String chartY = "[" + monthRows.stream().map(m -> m.pickup().chartValue()).collect(Collectors.joining(",", "[", "]"))
                + "," + monthRows.stream().map(m -> m.global().chartValue()).collect(Collectors.joining(",", "[", "]")) + "]";
        return Optional.of(new AdministrationPage(slug, known.map(Administration::name).orElse(slug), version,
                ResultsPeriods.quarterLabel(quarter, zone), seconds(queries.rules().serviceLevelTarget()), totalRow,
                List.copyOf(rows), List.copyOf(monthRows), chartX, chartY));
    }

    private static ServiceRow row(String slug, String name, Indicators i) {
        return new ServiceRow(slug, name, new RateView(i.pickupRate()), new RateView(i.globalRate()),
                new RateView(i.ivrAbandons()), new RateView(i.queueAbandons()), new MeasureView(i.averageSpeedOfAnswer()),
                new RateView(i.serviceLevel()), new RateView(i.closedHoursCalls()), new RateView(i.saturationRefusals()));
    }

    /** Directory administrations in their order, then those only the figures know (imports), by slug. */
    private Map<String, String> administrations(Map<Slice, Indicators> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        directory.current().administrations().forEach(a -> out.put(a.id().value(), a.name()));
        new TreeSet<>(rows.keySet().stream().map(s -> s.group().administration()).toList())
                .forEach(a -> out.putIfAbsent(a, a));
        return out;
    }

    private static Map<Slice, Indicators> onlyOf(String administration, Map<Slice, Indicators> rows) {
        Map<Slice, Indicators> out = new LinkedHashMap<>();
        rows.forEach((slice, row) -> {
            if (slice.group().administration().equals(administration)) {
                out.put(slice, row);
            }
        });
        return out;
    }

    private Indicators rowOrEmpty(Map<Slice, Indicators> rows, Slice slice) {
        Indicators row = rows.get(slice);
        return row != null ? row : Indicators.from(Tallies.ZERO, queries.rules());
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "\u00a0s" : RateView.decimal(d.toMillis() / 1000.0) + "\u00a0s";
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
