package fr.accueil.server.agents;

import fr.accueil.core.routing.AgentEvent;
import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentSession;
import fr.accueil.core.routing.AgentState;
import fr.accueil.telephony.acd.AgentTarget;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stand-in owner of agents' states for web-layer tests: core {@link AgentSession} transitions without
 * the queue runtime (which owns the states in the application). Thread-safe: one lock confines the sessions (which are
 * not thread-safe); it is held only for a transition, never across I/O.
 */
public final class AgentStates implements AgentStateChanger {
    private final Map<AgentId, AgentSession> sessions = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;

    public AgentStates(AgentDirectory directory, Clock clock) {
        this.clock = clock;
        for (AgentAccount account : directory.accounts()) {
            sessions.put(account.profile().id(), new AgentSession(account.profile().id()));
        }
    }

    /** The agent's state, empty for an unknown agent. */
    @Override
    public Optional<AgentState> stateOf(AgentId agent) {
        lock.lock();
        try {
            return Optional.ofNullable(sessions.get(agent)).map(AgentSession::state);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the agent towards {@code target}. AVAILABLE means log in (from logged out), ready (from paused)
     * or end of wrap-up; PAUSED needs a reason.
     *
     * @throws fr.accueil.core.routing.IllegalAgentTransitionException when the current state forbids it (409)
     * @throws IllegalArgumentException                                 for a pause without a reason (400)
     */
    public Optional<AgentEvent> change(AgentId agent, AgentTarget target, String reason) {
        lock.lock();
        try {
            AgentSession session = sessions.get(agent);
            if (session == null) {
                return Optional.empty();
            }
            var now = clock.instant();
            AgentEvent event = switch (target) {
                case AVAILABLE -> switch (session.state()) {
                    case AgentState.LoggedOut ignored -> session.logIn(now);
                    case AgentState.WrapUp ignored -> session.endWrapUp(now);
                    default -> session.ready(now);
                };
                case PAUSED -> {
                    if (reason == null || reason.isBlank()) {
                        throw new IllegalArgumentException("a pause needs a reason");
                    }
                    yield session.pause(reason.strip(), now);
                }
                case LOGGED_OUT -> session.logOut(now);
            };
            return Optional.of(event);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean changeState(AgentId agent, AgentTarget target, String reason) {
        return change(agent, target, reason).isPresent();
    }
}
