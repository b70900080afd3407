package fr.accueil.core.routing;

import fr.accueil.core.contact.ContactId;

/** Whether a queue took a contact; a full queue refuses it so that the server can overflow it. */
public sealed interface EnqueueResult {
    record Accepted(ContactId contact, int position) implements EnqueueResult {}

    record QueueFull(ContactId contact, QueueId queue, int maxLength) implements EnqueueResult {}
}
