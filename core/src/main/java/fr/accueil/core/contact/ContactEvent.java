package fr.accueil.core.contact;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened during a contact. Events are appended in order and never changed; the
 * indicators and the contact API are derived from them.
 */
public sealed interface ContactEvent {
    Instant at();

    /** The name stored in the journal's {@code type} column; stable across versions. */
    default String type() {
        return switch (this) {
            case Received e -> "received";
            case MenuEntered e -> "menu";
            case KeyPressed e -> "key";
            case InputFailed e -> "input-failed";
            case MessagePlayed e -> "message";
            case TransferRequested e -> "transfer";
            case Ended e -> "ended";
        };
    }

    /** The call arrived for a service's number. */
    record Received(Instant at, String dialled, String sipUser) implements ContactEvent {
        public Received {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The caller heard a menu's prompt. */
    record MenuEntered(Instant at, String menu) implements ContactEvent {
        public MenuEntered {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The caller pressed a key accepted by the menu. */
    record KeyPressed(Instant at, String menu, char key) implements ContactEvent {
        public KeyPressed {
            Objects.requireNonNull(at, "at");
        }
    }

    /** No key before the time-out, or a key the menu does not accept. */
    record InputFailed(Instant at, String menu, String reason) implements ContactEvent {
        public InputFailed {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A message was played to its end ({@code complete}) or cut short by the caller. */
    record MessagePlayed(Instant at, String prompt, boolean complete) implements ContactEvent {
        public MessagePlayed {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The caller was sent to another number. */
    record TransferRequested(Instant at, String target) implements ContactEvent {
        public TransferRequested {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The contact ended. */
    record Ended(Instant at, EndReason reason, Side side) implements ContactEvent {
        public Ended {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(side, "side");
        }
    }
}
