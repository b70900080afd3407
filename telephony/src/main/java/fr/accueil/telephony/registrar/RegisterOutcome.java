package fr.accueil.telephony.registrar;

import java.time.Duration;
import java.util.List;

/** What to answer to a REGISTER; {@code telephony.sip} turns each case into a SIP response. */
public sealed interface RegisterOutcome {

    /** 401 with one {@code WWW-Authenticate} value per algorithm, strongest first (RFC 3261 §22.1). */
    record Challenge(List<String> wwwAuthenticate) implements RegisterOutcome {
        public Challenge {
            wwwAuthenticate = List.copyOf(wwwAuthenticate);
        }
    }

    /** 403: credentials that do not verify, an address of record not the agent's, or a blocked source. */
    record Forbidden(String reason) implements RegisterOutcome {
    }

    /** 400 with a reason phrase safe to send back. */
    record BadRequest(String reason) implements RegisterOutcome {
    }

    /** 423 Interval Too Brief with Min-Expires (RFC 3261 §10.3 ¶ 7, §21.4.17). */
    record IntervalTooBrief(Duration minExpires) implements RegisterOutcome {
    }

    /** 200 listing the agent's current bindings (RFC 3261 §10.3 ¶ 8). */
    record Registered(String username, List<Binding> bindings) implements RegisterOutcome {
        public Registered {
            bindings = List.copyOf(bindings);
        }
    }
}
