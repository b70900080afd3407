package fr.accueil.core.routing;

import fr.accueil.core.contact.ContactId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state machine of one agent: one method per transition, each returning the event it caused.
 *
 * <pre>
 * LOGGED_OUT --logIn--> AVAILABLE --offer--> RINGING --answer--> ON_CONTACT --hangUp--> WRAP_UP
 * RINGING --noAnswer--> PAUSED("no answer");  RINGING --withdrawOffer--> AVAILABLE
 * AVAILABLE, PAUSED, WRAP_UP --pause(reason)--> PAUSED;  PAUSED --ready--> AVAILABLE
 * WRAP_UP --endWrapUp--> AVAILABLE;  AVAILABLE, PAUSED, WRAP_UP --logOut--> LOGGED_OUT
 * </pre>
 *
 * Any other transition throws {@link IllegalAgentTransitionException} naming both states and changes
 * nothing. "Idle since" is set each time the agent becomes available, except when an offer is withdrawn
 * (the agent did no work, so it keeps its place among the longest idle).
 *
 * <p>Not thread-safe: owned by one {@link RoutingEngine} (or one test), which confines it.
 */
public final class AgentSession {
    private final AgentId agent;
    private AgentState state = AgentState.LOGGED_OUT;
    private Instant idleSince;

    public AgentSession(AgentId agent) {
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    public AgentId agent() {
        return agent;
    }

    public AgentState state() {
        return state;
    }

    /** When the agent last became available; empty unless it is {@link AgentState.Available}. */
    public Optional<Instant> idleSince() {
        return state instanceof AgentState.Available ? Optional.of(idleSince) : Optional.empty();
    }

    public AgentEvent logIn(Instant now) {
        Objects.requireNonNull(now, "now");
        require(state instanceof AgentState.LoggedOut, "AVAILABLE");
        becomeAvailable(now);
        return new AgentEvent.LoggedIn(agent, now);
    }

    public AgentEvent pause(String reason, Instant now) {
        Objects.requireNonNull(now, "now");
        AgentState.Paused paused = new AgentState.Paused(reason);
        require(state instanceof AgentState.Available || state instanceof AgentState.Paused
                || state instanceof AgentState.WrapUp, paused.label());
        state = paused;
        return new AgentEvent.Paused(agent, reason, now);
    }

    public AgentEvent ready(Instant now) {
        Objects.requireNonNull(now, "now");
        require(state instanceof AgentState.Paused, "AVAILABLE");
        becomeAvailable(now);
        return new AgentEvent.Ready(agent, now);
    }

    public AgentEvent offer(ContactId contact, Instant now) {
        Objects.requireNonNull(now, "now");
        require(state instanceof AgentState.Available, "RINGING");
        state = new AgentState.Ringing(contact);
        return new AgentEvent.Offered(agent, contact, now);
    }

    public AgentEvent answer(Instant now) {
        Objects.requireNonNull(now, "now");
        ContactId contact = ringingContact("ON_CONTACT");
        state = new AgentState.OnContact(contact);
        return new AgentEvent.Answered(agent, contact, now);
    }

    public AgentEvent noAnswer(Instant now) {
        Objects.requireNonNull(now, "now");
        ContactId contact = ringingContact("PAUSED(" + AgentState.Paused.NO_ANSWER + ")");
        state = new AgentState.Paused(AgentState.Paused.NO_ANSWER);
        return new AgentEvent.NoAnswer(agent, contact, now);
    }

    public AgentEvent withdrawOffer(Instant now) {
        Objects.requireNonNull(now, "now");
        ContactId contact = ringingContact("AVAILABLE");
        state = AgentState.AVAILABLE; // idleSince deliberately kept
        return new AgentEvent.OfferWithdrawn(agent, contact, now);
    }

    public AgentEvent hangUp(Instant now) {
        Objects.requireNonNull(now, "now");
        if (!(state instanceof AgentState.OnContact onContact)) {
            throw new IllegalAgentTransitionException(agent, state, "WRAP_UP");
        }
        state = AgentState.WRAP_UP;
        return new AgentEvent.HungUp(agent, onContact.contact(), now);
    }

    public AgentEvent endWrapUp(Instant now) {
        Objects.requireNonNull(now, "now");
        require(state instanceof AgentState.WrapUp, "AVAILABLE");
        becomeAvailable(now);
        return new AgentEvent.WrapUpEnded(agent, now);
    }

    public AgentEvent logOut(Instant now) {
        Objects.requireNonNull(now, "now");
        require(state instanceof AgentState.Available || state instanceof AgentState.Paused
                || state instanceof AgentState.WrapUp, "LOGGED_OUT");
        state = AgentState.LOGGED_OUT;
        return new AgentEvent.LoggedOut(agent, now);
    }

    private ContactId ringingContact(String requested) {
        if (state instanceof AgentState.Ringing ringing) {
            return ringing.contact();
        }
        throw new IllegalAgentTransitionException(agent, state, requested);
    }

    private void becomeAvailable(Instant now) {
        idleSince = now;
        state = AgentState.AVAILABLE;
    }

    private void require(boolean allowed, String requested) {
        if (!allowed) {
            throw new IllegalAgentTransitionException(agent, state, requested);
        }
    }
}
