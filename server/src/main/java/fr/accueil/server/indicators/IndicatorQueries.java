package fr.accueil.server.indicators;

import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import java.util.Map;

/**
 * The seam between where indicators come from (quarter-hour roll-ups kept as contacts end, and
 * imported records) and who shows them (API, open data, public site, wallboard). Every figure it
 * returns carries its numerator, denominator and the rule-set version.
 */
public interface IndicatorQueries {

    /** The active rule set, printed beside every published figure. */
    RuleSet rules();

    /** Indicators per period and group, as the query asks. */
    Map<Slice, Indicators> compute(Query query);

    /**
     * The same, counting only the contacts the filter keeps (one administration, service, number or
     * channel). Implementations that cannot filter accept only {@link IndicatorFilter#NONE}.
     */
    default Map<Slice, Indicators> compute(Query query, IndicatorFilter filter) {
        if (!filter.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot filter; got " + filter);
        }
        return compute(query);
    }
}
