package fr.accueil.telephony.registrar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The location service (RFC 3261 §10.3): contacts per agent username, each with its expiry, kept in
 * memory (phones re-register within their expiry after a restart). Thread-safe: each agent's
 * bindings are replaced atomically through {@link ConcurrentHashMap#compute}; expired bindings are
 * dropped whenever they are read or updated.
 */
public final class Registrations {
    private final ConcurrentHashMap<String, List<Binding>> byUser = new ConcurrentHashMap<>();

    /** A change asked by one Contact of a REGISTER: {@code expiresAt == null} removes the contact. */
    public record Update(String contactUri, Instant expiresAt) {
    }

    /**
     * Applies the updates of one REGISTER at once and returns the agent's current bindings. Fails,
     * changing nothing, when the result would hold more than {@code maxContacts} bindings.
     */
    public List<Binding> apply(String username, List<Update> updates, Instant now, int maxContacts) {
        List<Binding> result = new ArrayList<>();
        boolean[] tooMany = {false};
        byUser.compute(username, (user, old) -> {
            Map<String, Binding> next = new TreeMap<>();
            for (Binding b : old == null ? List.<Binding>of() : old) {
                if (b.expiresAt().isAfter(now)) {
                    next.put(b.contactUri(), b);
                }
            }
            for (Update u : updates) {
                if (u.expiresAt() == null) {
                    next.remove(u.contactUri());
                } else {
                    next.put(u.contactUri(), new Binding(u.contactUri(), u.expiresAt()));
                }
            }
            if (next.size() > maxContacts) {
                tooMany[0] = true;
                result.addAll(live(old, now));
                return old;
            }
            result.addAll(next.values());
            return next.isEmpty() ? null : List.copyOf(next.values());
        });
        if (tooMany[0]) {
            throw new IllegalStateException(username + " would have more than " + maxContacts + " contacts");
        }
        return List.copyOf(result);
    }

    /** Removes every binding of the agent ({@code Contact: *}, RFC 3261 §10.2.2). */
    public void removeAll(String username) {
        byUser.remove(username);
    }

    /** The agent's bindings still valid at {@code now}, ordered by contact URI. */
    public List<Binding> current(String username, Instant now) {
        return live(byUser.get(username), now);
    }

    /** All agents with at least one live binding. */
    public Map<String, List<Binding>> snapshot(Instant now) {
        Map<String, List<Binding>> all = new TreeMap<>();
        byUser.forEach((user, bindings) -> {
            List<Binding> alive = live(bindings, now);
            if (!alive.isEmpty()) {
                all.put(user, alive);
            }
        });
        return all;
    }

    private static List<Binding> live(List<Binding> bindings, Instant now) {
        if (bindings == null) {
            return List.of();
        }
        return bindings.stream().filter(b -> b.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Binding::contactUri)).toList();
    }
}
