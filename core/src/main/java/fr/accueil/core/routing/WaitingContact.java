package fr.accueil.core.routing;

import fr.accueil.core.contact.ContactId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A contact waiting in a queue.
 *
 * @param id                      the contact
 * @param queue                   the queue it waits in
 * @param priority                its own priority, added to the queue's; higher is served first, in [-1000, 1000]
 * @param enqueuedAt              arrival in the queue (routing uses millisecond resolution)
 * @param preferredAgent          dossier owner or last agent for this caller, offered first for the queue's window
 * @param requiredSkillsOverride  replaces the queue's skill requirements for this contact only
 */
public record WaitingContact(
        ContactId id,
        QueueId queue,
        int priority,
        Instant enqueuedAt,
        Optional<AgentId> preferredAgent,
        Optional<SkillRequirements> requiredSkillsOverride) {

    public WaitingContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        Objects.requireNonNull(preferredAgent, "preferredAgent");
        Objects.requireNonNull(requiredSkillsOverride, "requiredSkillsOverride");
        QueueDefinition.requirePriority(priority, "contact " + id + ": priority");
    }

    public static WaitingContact of(ContactId id, QueueId queue, int priority, Instant enqueuedAt) {
        return new WaitingContact(id, queue, priority, enqueuedAt, Optional.empty(), Optional.empty());
    }

    public WaitingContact withPreferredAgent(AgentId agent) {
        return new WaitingContact(id, queue, priority, enqueuedAt, Optional.of(agent), requiredSkillsOverride);
    }

    public WaitingContact withRequiredSkills(SkillRequirements skills) {
        return new WaitingContact(id, queue, priority, enqueuedAt, preferredAgent, Optional.of(skills));
    }
}
