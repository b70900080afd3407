package fr.accueil.core.imports;

import java.util.Map;
import java.util.Optional;

/**
 * The configured mapping from a source's own names (Asterisk or FreeSWITCH queue names, dialled
 * extensions of a CDR) to administrations and services. Names are matched exactly. Immutable.
 */
public record TargetMap(Map<String, Target> byName) {
    public TargetMap {
        byName = Map.copyOf(byName);
    }

    public Optional<Target> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
