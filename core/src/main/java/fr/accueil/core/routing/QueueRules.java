package fr.accueil.core.routing;

import fr.accueil.core.directory.PromptRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a queue treats its callers, beyond the routing order of {@link QueueDefinition}: ringing,
 * waiting, announcements, callback and overflow. Configured per queue in the directory file.
 *
 * @param queue             the queue these rules belong to
 * @param ringTimeout       how long an agent's phone rings before the contact goes to the next agent
 *                          and the agent is paused "no answer"
 * @param overflow          where the contact goes on max wait, when the queue is full, or when no agent
 *                          is logged in with {@link WhenNoAgents#OVERFLOW}; empty: a goodbye message
 * @param announceEvery     period of position and estimated-wait announcements; zero disables them
 * @param music             what the caller hears between announcements (looped)
 * @param callbackAbove     offer a callback when the estimated wait passes this; empty: never offered
 *                          on the estimate (the key below still works if set)
 * @param callbackKey       the key that asks for a callback while waiting; empty: no key
 * @param whenNoAgents      what happens when nobody serving the queue is logged in
 * @param wrapUp            after-call work time before the agent is offered the next contact
 * @param agentLostTimeout  no RTP from the agent for this long ends the agent leg: the caller is told and
 *                          re-queued at the head
 * @param survey            after the agent hangs up, the caller hears the satisfaction question (1–5 by DTMF);
 *                          the service's choice, applied to each of its queues
 */
public record QueueRules(QueueId queue, Duration ringTimeout, Optional<Overflow> overflow, Duration announceEvery,
                         PromptRef music, Optional<Duration> callbackAbove, Optional<Character> callbackKey,
                         WhenNoAgents whenNoAgents, Duration wrapUp, Duration agentLostTimeout,
                         boolean survey) {

    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_ANNOUNCE_EVERY = Duration.ofSeconds(45);
    public static final Duration DEFAULT_WRAP_UP = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AGENT_LOST_TIMEOUT = Duration.ofSeconds(10);
    public static final PromptRef DEFAULT_MUSIC = new PromptRef("attente-musique");

    public enum WhenNoAgents {
        /** Go to the overflow target at once. */
        OVERFLOW,
        /** Offer a callback at once (overflow if the caller declines). */
        OFFER_CALLBACK,
        /** Wait anyway (an agent may log in), up to the max wait. */
        WAIT
    }

    public QueueRules {
        Objects.requireNonNull(queue, "queue");
        requirePositive(ringTimeout, "ringTimeout");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(announceEvery, "announceEvery");
        if (announceEvery.isNegative()) {
            throw new IllegalArgumentException("queue " + queue + ": announceEvery must not be negative");
        }
        Objects.requireNonNull(music, "music");
        Objects.requireNonNull(callbackAbove, "callbackAbove");
        Objects.requireNonNull(callbackKey, "callbackKey");
        callbackKey.ifPresent(k -> {
            if ("0123456789*#".indexOf(k) < 0) {
                throw new IllegalArgumentException("queue " + queue + ": callback key must be 0-9, * or #");
            }
        });
        Objects.requireNonNull(whenNoAgents, "whenNoAgents");
        Objects.requireNonNull(wrapUp, "wrapUp");
        if (wrapUp.isNegative()) {
            throw new IllegalArgumentException("queue " + queue + ": wrapUp must not be negative");
        }
        requirePositive(agentLostTimeout, "agentLostTimeout");
    }

    /** Defaults: 15 s ring, announcements every 45 s, no callback, overflow to a goodbye, 10 s wrap-up, no survey. */
    public static QueueRules defaults(QueueId queue) {
        return new QueueRules(queue, DEFAULT_RING_TIMEOUT, Optional.empty(), DEFAULT_ANNOUNCE_EVERY, DEFAULT_MUSIC,
                Optional.empty(), Optional.empty(), WhenNoAgents.WAIT, DEFAULT_WRAP_UP, DEFAULT_AGENT_LOST_TIMEOUT, false);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
