package fr.accueil.server.indicators.internal;

import fr.accueil.core.indicators.GroupKey;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Measure;
import fr.accueil.core.indicators.NetScore;
import fr.accueil.core.indicators.Period;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.Ratio;
import fr.accueil.core.indicators.Slice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The published figures as rows, one per slice and indicator, shared by the JSON and the CSV so that
 * both always say the same. Values: a ratio is a share in [0, 1], an average is in seconds, a net
 * score in [-1, 1]; always 6 decimals, half-even. An unavailable figure (nothing to divide by) has no value.
 */
public final class IndicatorTable {
    /** The indicator names, in publication order, with their unit. */
    public enum Figure {
        PICKUP_RATE("pickup_rate", "ratio"), GLOBAL_RATE("global_rate", "ratio"), IVR_ABANDONS("ivr_abandons", "ratio"),
        QUEUE_ABANDONS("queue_abandons", "ratio"), SHORT_ABANDONS_EXCLUDED("short_abandons_excluded", "ratio"),
        SATURATION_REFUSALS("saturation_refusals", "ratio"), AVERAGE_SPEED_OF_ANSWER("average_speed_of_answer", "seconds"),
        SERVICE_LEVEL("service_level", "ratio"), AVERAGE_HANDLING_TIME("average_handling_time", "seconds"),
        CALLBACK_COMPLETION("callback_completion", "ratio"), CLOSED_HOURS_CALLS("closed_hours_calls", "ratio"),
        TRANSFERS("transfers", "ratio"), SATISFACTION("satisfaction", "ratio"), NET_SATISFACTION("net_satisfaction", "net_ratio");

        public final String id;
        public final String unit;

        Figure(String id, String unit) {
            this.id = id;
            this.unit = unit;
        }
    }

    /**
     * One figure of one slice. For averages the numerator is the sum in milliseconds and the
     * denominator the count; for the net score the numerator is satisfied − dissatisfied answers.
     */
    public record Row(OffsetDateTime periodStart, GroupKey group, Figure figure, long numerator, long denominator,
                      BigDecimal value) {
        public boolean available() {
            return value != null;
        }
    }

    private IndicatorTable() {
    }

    public static List<Row> rows(Query query, Map<Slice, Indicators> result) {
        List<Row> rows = new ArrayList<>(result.size() * Figure.values().length);
        result.forEach((slice, ind) -> {
            OffsetDateTime start = periodStart(query, slice);
            for (Figure f : Figure.values()) {
                rows.add(row(start, slice.group(), f, ind));
            }
        });
        return rows;
    }

    /** The period's start in the query's zone; the "all" period starts at the query's {@code from}. */
    public static OffsetDateTime periodStart(Query query, Slice slice) {
        var at = query.period() == Period.ALL ? query.from() : slice.periodStart();
        return at.atZone(query.zone()).toOffsetDateTime();
    }

    private static Row row(OffsetDateTime start, GroupKey group, Figure f, Indicators i) {
        return switch (f) {
            case PICKUP_RATE -> ratio(start, group, f, i.pickupRate());
            case GLOBAL_RATE -> ratio(start, group, f, i.globalRate());
            case IVR_ABANDONS -> ratio(start, group, f, i.ivrAbandons());
            case QUEUE_ABANDONS -> ratio(start, group, f, i.queueAbandons());
            case SHORT_ABANDONS_EXCLUDED -> ratio(start, group, f, i.shortAbandonsExcluded());
            case SATURATION_REFUSALS -> ratio(start, group, f, i.saturationRefusals());
            case AVERAGE_SPEED_OF_ANSWER -> measure(start, group, f, i.averageSpeedOfAnswer());
            case SERVICE_LEVEL -> ratio(start, group, f, i.serviceLevel());
            case AVERAGE_HANDLING_TIME -> measure(start, group, f, i.averageHandlingTime());
            case CALLBACK_COMPLETION -> ratio(start, group, f, i.callbackCompletion());
            case CLOSED_HOURS_CALLS -> ratio(start, group, f, i.closedHoursCalls());
            case TRANSFERS -> ratio(start, group, f, i.transfers());
            case SATISFACTION -> ratio(start, group, f, i.satisfaction());
            case NET_SATISFACTION -> net(start, group, f, i.netSatisfaction());
        };
    }

    private static Row ratio(OffsetDateTime start, GroupKey group, Figure f, Ratio r) {
        return new Row(start, group, f, r.numerator(), r.denominator(), divide(r.numerator(), r.denominator(), 1));
    }

    private static Row measure(OffsetDateTime start, GroupKey group, Figure f, Measure m) {
        return new Row(start, group, f, m.sumMillis(), m.count(), divide(m.sumMillis(), m.count(), 1000));
    }

    private static Row net(OffsetDateTime start, GroupKey group, Figure f, NetScore n) {
        long numerator = n.satisfied() - n.dissatisfied();
        return new Row(start, group, f, numerator, n.answers(), divide(numerator, n.answers(), 1));
    }

    private static BigDecimal divide(long numerator, long denominator, long scale) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator).multiply(BigDecimal.valueOf(scale)), 6,
                RoundingMode.HALF_EVEN);
    }
}
