package fr.accueil.server.queues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six agent states as the API names them and as pages say them in French. The runtime labels a
 * pause with its reason ({@code PAUSED(Réunion)}); the API counts every pause under {@code PAUSED}.
 */
public final class AgentStateNames {
    /** API names, in the order of an agent's day. */
    public static final List<String> STATES = List.of("LOGGED_OUT", "AVAILABLE", "PAUSED", "RINGING", "ON_CONTACT", "WRAP_UP");

    private AgentStateNames() {
    }

    /** {@code PAUSED(Réunion)} → {@code PAUSED}; other labels are already API names. */
    public static String nameOf(String label) {
        return label.startsWith("PAUSED") ? "PAUSED" : label;
    }

    /** The French word for a state, with the pause reason in brackets when there is one. */
    public static String french(String label, String pauseReason) {
        return switch (nameOf(label)) {
            case "LOGGED_OUT" -> "Déconnecté";
            case "AVAILABLE" -> "Disponible";
            case "PAUSED" -> pauseReason == null || pauseReason.isBlank() ? "En pause" : "En pause (" + pauseReason + ")";
            case "RINGING" -> "Sonnerie";
            case "ON_CONTACT" -> "En communication";
            case "WRAP_UP" -> "Post-appel";
            default -> label;
        };
    }

    /** Counts by runtime label folded into every API state name (zeros included), in {@link #STATES} order. */
    public static Map<String, Integer> countsByState(Map<String, Integer> byLabel) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATES.forEach(state -> counts.put(state, 0));
        byLabel.forEach((label, count) -> counts.merge(nameOf(label), count, Integer::sum));
        return counts;
    }
}
