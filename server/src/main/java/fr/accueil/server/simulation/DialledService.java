package fr.accueil.server.simulation;

import java.util.Map;
import java.util.Optional;

/**
 * A demo number the simulated callers dial and the keys that express each intent in its menu. An
 * intent the service's menu cannot express falls back to self-service.
 *
 * @param sipUser the number's SIP user (Request-URI user) in the demo directory
 * @param share   relative share of the calls
 * @param keys    keys typed one after the other for an intent, e.g. "21" (sub-menu, then message)
 */
record DialledService(String sipUser, double share, Map<CallerIntent, String> keys) {

    Optional<String> keysFor(CallerIntent intent) {
        return Optional.ofNullable(keys.get(intent));
    }
}
