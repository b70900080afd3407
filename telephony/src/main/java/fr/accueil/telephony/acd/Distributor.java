package fr.accueil.telephony.acd;

import fr.accueil.core.contact.ContactId;
import fr.accueil.core.routing.AgentEvent;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentProfile;
import fr.accueil.core.routing.AgentState;
import fr.accueil.core.routing.Assignment;
import fr.accueil.core.routing.EnqueueResult;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.RoutingEngine;
import fr.accueil.core.routing.WaitingContact;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lock around the {@link RoutingEngine} (not thread-safe by design) and the matching it drives:
 * whenever a change can make a match (a contact enqueued or put back, an agent available), the engine
 * is asked for the best pair, the agent is offered the contact ({@code RINGING}) at once, and the
 * contact's {@link Waiter} is told after the lock is released. No I/O under the lock: a waiter only
 * puts a signal in a mailbox or starts a virtual thread.
 */
final class Distributor {
    private static final Logger log = LoggerFactory.getLogger(Distributor.class);

    /** Whoever acts for a queued contact when it is assigned: the caller's thread, or the callback desk. */
    interface Waiter {
        void assigned(Assignment assignment);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final RoutingEngine engine;
    private final Map<ContactId, Waiter> waiters = new HashMap<>();
    private final Map<ContactId, AgentId> offers = new HashMap<>();
    private final Map<ContactId, QueueId> queueOfContact = new HashMap<>();
    private final Map<AgentId, AgentProfile> profiles = new LinkedHashMap<>();
    private final Map<QueueId, QueueDefinition> definitions = new LinkedHashMap<>();
    private final Map<AgentId, Instant> since = new HashMap<>();
    /** Changes that must wait until a queue is empty or an agent logged out. */
    private final Map<QueueId, Optional<QueueDefinition>> pendingQueues = new HashMap<>();
    private final Map<AgentId, Optional<AgentProfile>> pendingAgents = new HashMap<>();

    Distributor(Clock clock, Consumer<AgentEvent> agentEvents) {
        this.clock = clock;
        this.engine = new RoutingEngine(event -> {
            since.put(event.agent(), event.at());
            agentEvents.accept(event);
        });
    }

    /** Runs a read-only question under the lock. */
    <T> T read(Function<RoutingEngine, T> question) {
        lock.lock();
        try {
            return question.apply(engine);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ configuration

    /**
     * Applies a new set of queues and agents, keeping what is unchanged (waiting contacts, agent states).
     * A changed or removed queue that still has contacts keeps its old definition until it is empty; a
     * changed or removed agent that is logged in keeps its old profile until it logs out.
     */
    void configure(List<QueueDefinition> queues, List<AgentProfile> agents) {
        List<Runnable> out = new ArrayList<>();
        lock.lock();
        try {
            Map<QueueId, QueueDefinition> wanted = new LinkedHashMap<>();
            queues.forEach(q -> wanted.put(q.id(), q));
            Map<AgentId, AgentProfile> wantedAgents = new LinkedHashMap<>();
            agents.forEach(a -> wantedAgents.put(a.id(), a));
            pendingQueues.clear();
            pendingAgents.clear();
            for (QueueDefinition current : List.copyOf(definitions.values())) {
                QueueDefinition next = wanted.get(current.id());
                if (!current.equals(next)) {
                    pendingQueues.put(current.id(), Optional.ofNullable(next));
                }
            }
            for (QueueDefinition next : wanted.values()) {
                if (!definitions.containsKey(next.id())) {
                    engine.addQueue(next);
                    definitions.put(next.id(), next);
                }
            }
            for (AgentProfile current : List.copyOf(profiles.values())) {
                AgentProfile next = wantedAgents.get(current.id());
                if (!current.equals(next)) {
                    pendingAgents.put(current.id(), Optional.ofNullable(next));
                }
            }
            for (AgentProfile next : wantedAgents.values()) {
                if (!profiles.containsKey(next.id())) {
                    engine.addAgent(next);
                    profiles.put(next.id(), next);
                }
            }
            applyPending();
            matchAll(out);
        } finally {
            lock.unlock();
        }
        out.forEach(Runnable::run);
    }

    private void applyPending() {
        for (var it = pendingQueues.entrySet().iterator(); it.hasNext(); ) {
            var change = it.next();
            if (engine.waitingCount(change.getKey()) > 0) {
                continue;
            }
            engine.removeQueue(change.getKey());
            definitions.remove(change.getKey());
            change.getValue().ifPresent(next -> {
                engine.addQueue(next);
                definitions.put(next.id(), next);
            });
            it.remove();
        }
        for (var it = pendingAgents.entrySet().iterator(); it.hasNext(); ) {
            var change = it.next();
            if (!(engine.state(change.getKey()) instanceof AgentState.LoggedOut)) {
                continue;
            }
            engine.removeAgent(change.getKey());
            profiles.remove(change.getKey());
            change.getValue().ifPresent(next -> {
                engine.addAgent(next);
                profiles.put(next.id(), next);
            });
            it.remove();
        }
    }

    Optional<QueueDefinition> definition(QueueId queue) {
        lock.lock();
        try {
            return Optional.ofNullable(definitions.get(queue));
        } finally {
            lock.unlock();
        }
    }

    List<AgentProfile> profiles() {
        lock.lock();
        try {
            return List.copyOf(profiles.values());
        } finally {
            lock.unlock();
        }
    }

    boolean knowsAgent(AgentId agent) {
        lock.lock();
        try {
            return profiles.containsKey(agent);
        } finally {
            lock.unlock();
        }
    }

    Optional<Instant> since(AgentId agent) {
        lock.lock();
        try {
            return Optional.ofNullable(since.get(agent));
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ contacts

    /** Puts a contact in its queue and offers it at once if an agent fits. */
    EnqueueResult enqueue(WaitingContact contact, Waiter waiter) {
        List<Runnable> out = new ArrayList<>();
        EnqueueResult result;
        lock.lock();
        try {
            result = engine.enqueue(contact);
            if (result instanceof EnqueueResult.Accepted) {
                waiters.put(contact.id(), waiter);
                queueOfContact.put(contact.id(), contact.queue());
                matchContact(contact.id(), clock.instant(), out);
            }
        } finally {
            lock.unlock();
        }
        out.forEach(Runnable::run);
        return result;
    }

    /**
     * Another waiter takes over a queued contact (the caller asked for a callback: the callback desk
     * now acts for it). An offer already made is handed over too.
     */
    void handOver(ContactId contact, Waiter waiter) {
        List<Runnable> out = new ArrayList<>();
        lock.lock();
        try {
            if (!waiters.containsKey(contact)) {
                return;
            }
            waiters.put(contact, waiter);
            AgentId offered = offers.get(contact);
            if (offered != null) {
                Assignment assignment = new Assignment(offered, contact, queueOfContact.get(contact), false);
                out.add(() -> waiter.assigned(assignment));
            }
        } finally {
            lock.unlock();
        }
        out.forEach(Runnable::run);
    }

    /**
     * The contact leaves its queue (caller gone, overflow, callback given up). If an agent's phone was
     * ringing for it, the offer is withdrawn and that agent may take another contact.
     */
    Optional<WaitingContact> leave(ContactId contact) {
        List<Runnable> out = new ArrayList<>();
        Optional<WaitingContact> left;
        lock.lock();
        try {
            Instant now = clock.instant();
            waiters.remove(contact);
            queueOfContact.remove(contact);
            AgentId ringing = offers.remove(contact);
            left = engine.abandon(contact, now);
            if (ringing != null) {
                matchAgent(ringing, now, out);
            }
            applyPending();
        } finally {
            lock.unlock();
        }
        out.forEach(Runnable::run);
        return left;
    }

    /** The agent's phone answered: the contact leaves the queue, the agent is ON_CONTACT. */
    void answered(AgentId agent, ContactId contact) {
        lock.lock();
        try {
            offers.remove(contact);
            waiters.remove(contact);
            queueOfContact.remove(contact);
            engine.answer(agent, clock.instant());
            applyPending();
        } finally {
            lock.unlock();
        }
    }

    /** The offer was not taken: the agent is paused "no answer", the contact goes back to its place and on to the next agent. */
    void noAnswer(AgentId agent, ContactId contact) {
        List<Runnable> out = new ArrayList<>();
        lock.lock();
        try {
            Instant now = clock.instant();
            offers.remove(contact);
            if (engine.state(agent) instanceof AgentState.Ringing) {
                engine.noAnswer(agent, now);
            }
            matchContact(contact, now, out);
        } finally {
            lock.unlock();
        }
        out.forEach(Runnable::run);
    }

    /** Whether this offer still stands (the agent rings for the contact in the engine). */
    boolean isOffered(Assignment assignment) {
        lock.lock();
        try {
            return assignment.agent().equals(offers.get(assignment.contact()));
        } finally {
            lock.unlock();
        }
    }

    OptionalInt position(ContactId contact) {
        return read(engine -> engine.position(contact));
    }

    Optional<java.time.Duration> estimatedWait(ContactId contact) {
        return read(engine -> engine.isQueued(contact) ? engine.estimatedWait(contact) : Optional.empty());
    }

    // ------------------------------------------------------------------ agents

    /** The agent hung up (or the call ended): WRAP_UP. */
    void wrapUp(AgentId agent, QueueId queue, Duration handled) {
        lock.lock();
        try {
            if (engine.state(agent) instanceof AgentState.OnContact) {
                engine.hangUp(agent, clock.instant());
            }
            if (queue != null && definitions.containsKey(queue)) {
                engine.recordHandled(queue, handled);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The wrap-up time is over: available again, and offered the next contact. */
    void endWrapUp(AgentId agent) {
        List<Runnable> out = new ArrayList<>();
        lock.lock();
        try {
            // The agent may have paused or logged out meanwhile: then the wrap-up was already ended.
            if (engine.state(agent) instanceof AgentState.WrapUp) {
                Instant now = clock.instant();
                engine.endWrapUp(agent, now);
                matchAgent(agent, now, out);
            }
        } finally {
            lock.unlock();
        }
        out.forEach(Runnable::run);
    }

    /** The agent's phone was lost mid-call: the agent is paused "phone lost" until it says it is ready. */
    void phoneLost(AgentId agent) {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (engine.state(agent) instanceof AgentState.OnContact) {
                engine.hangUp(agent, now);
            }
            if (engine.state(agent) instanceof AgentState.WrapUp || engine.state(agent) instanceof AgentState.Available) {
                engine.pause(agent, "phone lost", now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A requested state change (API, web page, feature code); same semantics as the server's agent states. */
    AgentEvent change(AgentId agent, AgentTarget target, String reason) {
        List<Runnable> out = new ArrayList<>();
        AgentEvent event;
        lock.lock();
        try {
            if (!profiles.containsKey(agent)) {
                throw new java.util.NoSuchElementException("unknown agent " + agent);
            }
            Instant now = clock.instant();
            event = switch (target) {
                case AVAILABLE -> switch (engine.state(agent)) {
                    case AgentState.LoggedOut ignored -> engine.logIn(agent, now);
                    case AgentState.WrapUp ignored -> engine.endWrapUp(agent, now);
                    default -> engine.ready(agent, now);
                };
                case PAUSED -> {
                    if (reason == null || reason.isBlank()) {
                        throw new IllegalArgumentException("a pause needs a reason");
                    }
                    yield engine.pause(agent, reason.strip(), now);
                }
                case LOGGED_OUT -> engine.logOut(agent, now);
            };
            if (target == AgentTarget.AVAILABLE) {
                matchAgent(agent, now, out);
            }
            applyPending();
        } finally {
            lock.unlock();
        }
        out.forEach(Runnable::run);
        return event;
    }

    /** Matches every available agent, longest idle first: catches preferred-agent windows that closed. */
    void sweep() {
        List<Runnable> out = new ArrayList<>();
        lock.lock();
        try {
            matchAll(out);
        } finally {
            lock.unlock();
        }
        out.forEach(Runnable::run);
    }

    // ------------------------------------------------------------------ matching (under the lock)

    private void matchAll(List<Runnable> out) {
        Instant now = clock.instant();
        List<AgentId> available = profiles.keySet().stream()
                .filter(id -> engine.state(id) instanceof AgentState.Available)
                .sorted(Comparator.comparing((AgentId id) -> engine.idleSince(id).orElse(Instant.MAX)).thenComparing(id -> id))
                .toList();
        for (AgentId agent : available) {
            matchAgent(agent, now, out);
        }
    }

    private void matchContact(ContactId contact, Instant now, List<Runnable> out) {
        if (engine.isQueued(contact)) {
            engine.agentForContact(contact, now).ifPresent(assignment -> offer(assignment, now, out));
        }
    }

    private void matchAgent(AgentId agent, Instant now, List<Runnable> out) {
        engine.nextForAgent(agent, now).ifPresent(assignment -> offer(assignment, now, out));
    }

    private void offer(Assignment assignment, Instant now, List<Runnable> out) {
        Waiter waiter = waiters.get(assignment.contact());
        if (waiter == null) {
            log.warn("contact {} is queued without anyone acting for it; leaving it", assignment.contact());
            engine.abandon(assignment.contact(), now);
            return;
        }
        engine.offer(assignment.agent(), assignment.contact(), now);
        offers.put(assignment.contact(), assignment.agent());
        out.add(() -> waiter.assigned(assignment));
    }
}
