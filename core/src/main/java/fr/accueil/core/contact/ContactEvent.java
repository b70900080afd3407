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
            case Enqueued e -> "enqueued";
            case Offered e -> "offered";
            case AgentNoAnswer e -> "agent-no-answer";
            case AgentAnswered e -> "answered";
            case AgentLost e -> "agent-lost";
            case Abandoned e -> "abandoned";
            case Overflowed e -> "overflowed";
            case CallbackRequested e -> "callback-requested";
            case CallbackAttempt e -> "callback-attempt";
            case CallbackCompleted e -> "callback-completed";
            case CallbackFailed e -> "callback-failed";
            case TransferredByAgent e -> "agent-transfer";
            case LinkedFrom e -> "linked-from";
            case SurveyAnswered e -> "survey";
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

    /** The contact entered a queue ({@code position} 1 = next to be served). */
    record Enqueued(Instant at, String queue, int position) implements ContactEvent {
        public Enqueued {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(queue, "queue");
        }
    }

    /** The contact was offered to an agent: their phone rings. */
    record Offered(Instant at, String queue, String agent) implements ContactEvent {
        public Offered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
        }
    }

    /**
     * The agent did not take the offer; the contact keeps its place. {@code reason}: {@code no-answer}
     * (ring time-out), {@code busy} (486), {@code declined} (603 or other 4xx-6xx), {@code unreachable}
     * (no registered phone, transport failure).
     */
    record AgentNoAnswer(Instant at, String agent, String reason) implements ContactEvent {
        public AgentNoAnswer {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An agent answered: caller and agent are connected. For a callback, the citizen answered. */
    record AgentAnswered(Instant at, String queue, String agent) implements ContactEvent {
        public AgentAnswered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
        }
    }

    /** The agent's phone was lost mid-call (SIP failure or no RTP); the caller was told and re-queued at the head. */
    record AgentLost(Instant at, String agent, String reason) implements ContactEvent {
        public AgentLost {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
        }
    }

    /** The caller hung up while waiting in a queue, after {@code waitMillis}. */
    record Abandoned(Instant at, String queue, long waitMillis) implements ContactEvent {
        public Abandoned {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The contact left its queue for the overflow target: {@code queue:<id>}, {@code number:<number>} or
     * {@code message:<prompt>}. {@code reason}: {@code max-wait}, {@code queue-full}, {@code no-agents}.
     */
    record Overflowed(Instant at, String queue, String target, String reason) implements ContactEvent {
        public Overflowed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The caller (or a web form) asked to be called back; the contact keeps its place in {@code queue}.
     * The number itself is kept apart (callback book) and erased after the last attempt; here only
     * whether it is the number that called.
     */
    record CallbackRequested(Instant at, String queue, boolean sameNumber) implements ContactEvent {
        public CallbackRequested {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * One callback attempt ({@code attempt} from 1). {@code result}: {@code reached}, {@code no-answer},
     * {@code busy}, {@code failed}, {@code agent-no-answer}, {@code refused-by-policy}.
     */
    record CallbackAttempt(Instant at, int attempt, String agent, String result) implements ContactEvent {
        public CallbackAttempt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The callback reached the citizen and an agent handled it. */
    record CallbackCompleted(Instant at, String agent) implements ContactEvent {
        public CallbackCompleted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
        }
    }

    /** Every attempt failed (or the window closed); the callback is given up. */
    record CallbackFailed(Instant at, int attempts, String reason) implements ContactEvent {
        public CallbackFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The agent transferred the caller (SIP REFER); {@code newContact} is the contact that goes on. */
    record TransferredByAgent(Instant at, String agent, String target, String newContact) implements ContactEvent {
        public TransferredByAgent {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(target, "target");
        }
    }

    /** This contact continues an earlier one (agent transfer): the first event after {@link Received}. */
    record LinkedFrom(Instant at, String previousContact, String reason) implements ContactEvent {
        public LinkedFrom {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(previousContact, "previousContact");
        }
    }

    /** The caller answered the post-call satisfaction survey: 1 (not at all) to 5 (very satisfied). */
    record SurveyAnswered(Instant at, int score) implements ContactEvent {
        public SurveyAnswered {
            Objects.requireNonNull(at, "at");
            if (score < 1 || score > 5) {
                throw new IllegalArgumentException("survey score must be 1 to 5, got " + score);
            }
        }
    }
}
