package fr.accueil.server.publication;

import fr.accueil.core.indicators.Ratio;

/** How a rate moved since the previous period; the arrow is decorative, the words carry the meaning. */
public enum Trend {
    UP("↑", "en hausse"), DOWN("↓", "en baisse"), STEADY("=", "stable"), UNKNOWN("–", "évolution non disponible");

    private final String arrow;
    private final String words;

    Trend(String arrow, String words) {
        this.arrow = arrow;
        this.words = words;
    }

    public String arrow() {
        return arrow;
    }

    public String words() {
        return words;
    }

    /** Compares the two shares exactly (cross-multiplied counts), unknown if either is not available. */
    public static Trend between(Ratio previous, Ratio current) {
        if (!previous.available() || !current.available()) {
            return UNKNOWN;
        }
        int c = Long.compare(current.numerator() * previous.denominator(), previous.numerator() * current.denominator());
        return c > 0 ? UP : c < 0 ? DOWN : STEADY;
    }
}
