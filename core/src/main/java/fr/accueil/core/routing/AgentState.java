package fr.accueil.core.routing;

import fr.accueil.core.contact.ContactId;
import java.util.Objects;

/**
 * Where an agent stands. Transitions are made by {@link AgentSession}; only {@link Available} agents
 * are offered contacts.
 */
public sealed interface AgentState {
    AgentState LOGGED_OUT = new LoggedOut();
    AgentState AVAILABLE = new Available();
    AgentState WRAP_UP = new WrapUp();

    /** The name used in messages and by the API, e.g. {@code PAUSED(no answer)}. */
    String label();

    record LoggedOut() implements AgentState {
        @Override
        public String label() {
            return "LOGGED_OUT";
        }
    }

    record Available() implements AgentState {
        @Override
        public String label() {
            return "AVAILABLE";
        }
    }

    record Paused(String reason) implements AgentState {
        /** Reason given when an offered contact was not answered in time. */
        public static final String NO_ANSWER = "no answer";

        public Paused {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("pause reason must not be blank");
            }
        }

        @Override
        public String label() {
            return "PAUSED(" + reason + ")";
        }
    }

    record Ringing(ContactId contact) implements AgentState {
        public Ringing {
            Objects.requireNonNull(contact, "contact");
        }

        @Override
        public String label() {
            return "RINGING";
        }
    }

    record OnContact(ContactId contact) implements AgentState {
        public OnContact {
            Objects.requireNonNull(contact, "contact");
        }

        @Override
        public String label() {
            return "ON_CONTACT";
        }
    }

    record WrapUp() implements AgentState {
        @Override
        public String label() {
            return "WRAP_UP";
        }
    }
}
