package fr.accueil.telephony.acd;

import fr.accueil.core.routing.Assignment;
import fr.accueil.telephony.call.DialOutcome;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.Leg;
import fr.accueil.telephony.call.OutboundCall;

/**
 * What other threads tell a contact's own thread, through its mailbox: the distributor's decisions, the
 * outcome of INVITEs, and what the SIP threads learn about the legs. The contact's thread acts on them in
 * order; senders never block.
 */
sealed interface Signal {

    /** The distributor offered this contact to an agent (the agent is already RINGING in the engine). */
    record Offered(Assignment assignment) implements Signal {
    }

    /** One INVITE of a {@link Ringing} got its final answer. */
    record DialDone(Ringing ringing, OutboundCall leg, DialOutcome outcome) implements Signal {
    }

    /** A leg's dialog ended. */
    record LegEnded(Leg leg, EndCause cause) implements Signal {
    }

    /** The agent's phone asked for a blind transfer that we accepted (202). */
    record TransferAsked(Leg leg, TransferDestination destination) implements Signal {
    }

    /** The agent's phone put the call on hold or took it off hold. */
    record HoldChanged(Leg leg, boolean onHold) implements Signal {
    }
}
