package fr.accueil.telephony.acd;

import fr.accueil.core.contact.ContactId;
import fr.accueil.core.routing.QueueId;
import java.time.Duration;
import java.util.Optional;

/** The answer to a web callback request: the contact opened for it and where it stands. */
public record CallbackTicket(ContactId contact, QueueId queue, int position, Optional<Duration> estimatedWait) {
}
