package fr.accueil.server.queues;

import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentState;
import fr.accueil.server.agents.AgentStateChanger;
import fr.accueil.telephony.acd.AgentTarget;
import fr.accueil.telephony.acd.ContactCentre;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The agents' page and API change states in the contact centre, the one owner of agents' states. */
final class ContactCentreAgentStates implements AgentStateChanger {
    private final ContactCentre centre;

    ContactCentreAgentStates(ContactCentre centre) {
        this.centre = centre;
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
