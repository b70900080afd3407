package fr.accueil.server.publication;

import fr.accueil.core.indicators.Measure;
import java.time.Duration;
import java.util.Objects;

/**
 * An average duration as the pages print it, in French, always with what it was computed from:
 * "12,5 s (35 appels, 7 min 18 s au total)"; « non disponible » without observations.
 */
public record MeasureView(Measure measure) {

    public MeasureView {
        Objects.requireNonNull(measure, "measure");
    }

    public boolean available() {
        return measure.available();
    }

    public String average() {
        return measure.average().map(MeasureView::duration).orElse(RateView.NOT_AVAILABLE);
    }

    /** "35 appels, 7 min 18 s au total" (French: "0 appel", "1 appel"). */
    public String counts() {
        return RateView.count(measure.count()) + (measure.count() <= 1 ? " appel, " : " appels, ")
                + duration(Duration.ofMillis(measure.sumMillis())) + " au total";
    }

    public String text() {
        return average() + " (" + counts() + ")";
    }

    /** "12,5 s" under a minute, "4 min 05 s" under an hour, "7 h 10 min" beyond. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 60_000) {
            return RateView.decimal(millis / 1000.0) + "\u00a0s";
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format("%d\u00a0min %02d\u00a0s", seconds / 60, seconds % 60);
        }
        return String.format("%d\u00a0h %02d\u00a0min", seconds / 3600, (seconds % 3600) / 60);
    }
}
