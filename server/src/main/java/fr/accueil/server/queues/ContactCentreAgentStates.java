package fr.accueil.server.queues;

import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentState;
import fr.accueil.server.agents.AgentStateChanger;
import fr.accueil.telephony.acd.AgentTarget;
import fr.accueil.telephony.acd.ContactCentre;
import fr.accueil.telephony.acd.AgentStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The agents' page and API change states in the contact centre, the one owner of agents' states. */
final class ContactCentreAgentStates implements AgentStateChanger {
    private final ContactCentre centre;
    private final Clock clock;

    ContactCentreAgentStates(ContactCentre centre, Clock clock) {
        this.centre = centre;
        this.clock = clock;
    }

    @Override
    public Map<AgentId, Instant> since() {
        Map<AgentId, Instant> since = new HashMap<>();
        for (AgentStatus status : centre.agents(clock.instant())) {
            status.since().ifPresent(at -> since.put(status.agent(), at));
        }
        return since;
    }

    @Override
    public Optional<AgentState> stateOf(AgentId agent) {
        return centre.stateOf(agent);
    }

    @Override
    public boolean changeState(AgentId agent, AgentTarget target, String reason) {
        try {
            centre.changeState(agent, target, reason);
            return true;
        } catch (NoSuchElementException unknown) {
            return false;
        }
    }
}
