package fr.accueil.core.imports;

import java.time.Instant;

/**
 * Tells whether a service was open when an imported call arrived (the server answers it from the
 * directory's opening hours). Must be thread-safe if an import runs on several threads.
 */
@FunctionalInterface
public interface OpeningHoursCheck {
    /** For sources that only log calls handled during opening hours (a queue is only reachable then). */
    OpeningHoursCheck ALWAYS_OPEN = (target, at) -> true;

    boolean isOpen(Target target, Instant at);
}
