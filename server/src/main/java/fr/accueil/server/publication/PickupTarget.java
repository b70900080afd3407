package fr.accueil.server.publication;

import fr.accueil.core.indicators.Ratio;

/**
 * The government's commitment (Services Publics +, engagement 6): 85 % of the calls presented to an
 * agent are answered. Compared on the counts, in integers, so that 85 of 100 is reached exactly.
 */
public final class PickupTarget {
    public static final int PERCENT = 85;

    private PickupTarget() {
    }

    /** Reached when numerator / denominator ≥ 85 %; never reached without a denominator. */
    public static boolean reachedBy(Ratio rate) {
        return rate.available() && rate.numerator() * 100 >= (long) PERCENT * rate.denominator();
    }
}
