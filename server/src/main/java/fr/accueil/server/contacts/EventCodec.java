package fr.accueil.server.contacts;

import fr.accueil.core.contact.ContactEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a {@link ContactEvent} as its type name plus a JSON object of its record fields, and reads
 * it back into the same record. The type names are {@link ContactEvent#type()}, stable across
 * versions; a new field in a record is read back as its default from older rows. Public for the
 * readers of the journal's tables outside this feature (the indicators' recompute). Thread-safe.
 */
public final class EventCodec {
    private final JsonMapper json = JsonMapper.builder().build();

    public String payload(ContactEvent event) {
        return json.writeValueAsString(event);
    }

    public ContactEvent read(String type, String payload) {
        Class<? extends ContactEvent> kind = switch (type) {
            case "received" -> ContactEvent.Received.class;
            case "menu" -> ContactEvent.MenuEntered.class;
            case "key" -> ContactEvent.KeyPressed.class;
            case "input-failed" -> ContactEvent.InputFailed.class;
            case "message" -> ContactEvent.MessagePlayed.class;
            case "transfer" -> ContactEvent.TransferRequested.class;
            case "enqueued" -> ContactEvent.Enqueued.class;
            case "offered" -> ContactEvent.Offered.class;
            case "agent-no-answer" -> ContactEvent.AgentNoAnswer.class;
            case "answered" -> ContactEvent.AgentAnswered.class;
            case "agent-lost" -> ContactEvent.AgentLost.class;
            case "abandoned" -> ContactEvent.Abandoned.class;
            case "overflowed" -> ContactEvent.Overflowed.class;
            case "callback-requested" -> ContactEvent.CallbackRequested.class;
            case "callback-attempt" -> ContactEvent.CallbackAttempt.class;
            case "callback-completed" -> ContactEvent.CallbackCompleted.class;
            case "callback-failed" -> ContactEvent.CallbackFailed.class;
            case "agent-transfer" -> ContactEvent.TransferredByAgent.class;
            case "linked-from" -> ContactEvent.LinkedFrom.class;
            case "survey" -> ContactEvent.SurveyAnswered.class;
            case "ended" -> ContactEvent.Ended.class;
            default -> throw new IllegalStateException("unknown contact event type '" + type + "' in the journal");
        };
        return json.readValue(payload, kind);
    }
}
