package fr.accueil.core.indicators;

import java.time.Duration;
import java.util.Objects;

/**
 * The caller hung up before getting an answer.
 *
 * @param place  where the caller was when hanging up
 * @param waited how long the caller waited there: in the queue for {@link Place#QUEUE} (from entering
 *               the queue or asking for an agent to hanging up), since the call was received for
 *               {@link Place#IVR}
 */
public record Abandonment(Place place, Duration waited) {
    public Abandonment {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(waited, "waited");
        if (waited.isNegative()) {
            throw new IllegalArgumentException("abandon wait must not be negative: " + waited);
        }
    }

    public enum Place {
        /** In the voice menus, before entering a queue or asking for an agent. */
        IVR,
        /** After entering a queue or asking for an agent, before an agent answered. */
        QUEUE
    }
}
