package fr.accueil.core.routing;

import fr.accueil.core.directory.PromptRef;
import java.util.Objects;

/** Where a contact goes when its queue is full, its wait too long, or no agent is logged in. */
public sealed interface Overflow {

    /** Another queue (of the same or another service); the contact keeps its original arrival time. */
    record ToQueue(QueueId queue) implements Overflow {
        public ToQueue {
            Objects.requireNonNull(queue, "queue");
        }
    }

    /** A blind transfer to a number (e.g. the orientation number), checked by the outbound policy. */
    record ToNumber(String number) implements Overflow {
        public ToNumber {
            Objects.requireNonNull(number, "number");
        }
    }

    /** A message played to the caller, then goodbye. */
    record Message(PromptRef prompt) implements Overflow {
        public Message {
            Objects.requireNonNull(prompt, "prompt");
        }
    }
}
