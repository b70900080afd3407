package fr.accueil.core.directory;

import java.util.Objects;

/** What a menu key (or a menu's failure branch) does. */
public sealed interface MenuAction {

    /** Go to another menu of the same service. */
    record GoTo(MenuId menu) implements MenuAction {
        public GoTo {
            Objects.requireNonNull(menu, "menu");
        }
    }

    /** Self-service information: play a message, then hang up or return to the menu that led here. */
    record Message(PromptRef prompt, AfterMessage after) implements MenuAction {
        public Message {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(after, "after");
        }
    }

    /** Send the caller to another number (announced first). */
    record Transfer(DialledNumber target) implements MenuAction {
        public Transfer {
            Objects.requireNonNull(target, "target");
        }
    }

    /** Hand the caller to an agent queue. */
    record Queue(String queue) implements MenuAction {
        public Queue {
            if (queue == null || queue.isBlank()) {
                throw new IllegalArgumentException("queue name is missing");
            }
        }
    }

    /** Say goodbye and end the call. */
    record HangUp() implements MenuAction {
    }

    enum AfterMessage {
        HANG_UP, BACK
    }
}
