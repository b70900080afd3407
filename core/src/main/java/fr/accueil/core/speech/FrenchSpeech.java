package fr.accueil.core.speech;

import fr.accueil.core.directory.PromptRef;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Composes spoken French from recorded fragments ("parole/…" prompts), so that numbers, times and
 * dates are said without synthesising speech at run time: "demain à 8 heures 30".
 */
public final class FrenchSpeech {
    private FrenchSpeech() {
    }

    /** A cardinal number, 0 to 9999. */
    public static List<PromptRef> number(int n) {
        throw new UnsupportedOperationException("written by the prompts work");
    }

    /** A clock time: "8 heures 30", "midi", "minuit 15", "1 heure". */
    public static List<PromptRef> time(LocalTime time) {
        throw new UnsupportedOperationException("written by the prompts work");
    }

    /**
     * When the service opens next, relative to now, in the service's zone: "aujourd'hui à 13 heures 30",
     * "demain à 8 heures 30", "lundi à 9 heures" (within the week), "le 2 janvier à 9 heures" (later).
     */
    public static List<PromptRef> when(ZonedDateTime now, ZonedDateTime opening) {
        throw new UnsupportedOperationException("written by the prompts work");
    }
}
