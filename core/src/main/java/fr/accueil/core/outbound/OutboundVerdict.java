package fr.accueil.core.outbound;

import java.util.Objects;

/** Whether the outbound policy lets Accueil call a number. */
public sealed interface OutboundVerdict {

    /** Allowed; {@code e164} is the number normalised to E.164 ({@code +33123456789}). */
    record Allowed(String e164) implements OutboundVerdict {
        public Allowed {
            Objects.requireNonNull(e164, "e164");
        }
    }

    /** Refused, with the reason in French for a caller-facing page or log ("numéro surtaxé", …). */
    record Refused(String reason) implements OutboundVerdict {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
