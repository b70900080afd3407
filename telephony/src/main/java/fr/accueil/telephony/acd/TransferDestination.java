package fr.accueil.telephony.acd;

import fr.accueil.core.routing.QueueId;

/** Where an agent's REFER sends the caller, once resolved and allowed. */
sealed interface TransferDestination {

    /** A configured queue (named directly, or the queue of the service whose number was given). */
    record ToQueue(QueueId queue) implements TransferDestination {
    }

    /** An external number the outbound policy allowed, through the trunk. */
    record ToNumber(String e164) implements TransferDestination {
    }
}
