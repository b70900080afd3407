package fr.accueil.telephony.registrar;

import java.util.List;

/**
 * The digest check of a request (RFC 7616) before what the request asks for: REGISTER binds
 * afterwards; an agent's INVITE to a feature code is served as the authenticated agent.
 */
public sealed interface DigestOutcome {

    /** Challenge again: one header value per algorithm, strongest first. */
    record Challenge(List<String> challenges) implements DigestOutcome {
        public Challenge {
            challenges = List.copyOf(challenges);
        }
    }

    /** 403: credentials that do not verify, or a source blocked after repeated failures. */
    record Forbidden(String reason) implements DigestOutcome {
    }

    /** 400 with a reason phrase safe to send back. */
    record BadRequest(String reason) implements DigestOutcome {
    }

    /** The credentials verify for this account. */
    record Authenticated(String username) implements DigestOutcome {
    }
}
