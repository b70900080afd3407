package fr.accueil.telephony.call;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An outbound INVITE to place: to an agent's registered contact, or to a citizen through the
 * outbound trunk. Nothing from an inbound request is ever copied into a Dial's target by the
 * telephony layer: targets come from the registrar's bindings or from a number the outbound policy
 * accepted (toll-fraud protection).
 *
 * @param requestUri  the Request-URI, e.g. {@code sip:agent1@192.0.2.7:5062;transport=udp} or
 *                    {@code sip:+33123456789@trunk.example.net}
 * @param fromUser    the From user part we present (the service's number, or the caller's when the
 *                    trunk allows it)
 * @param fromDisplay display name for the From header (may be empty)
 * @param credentials digest credentials answering a 401/407 from a trunk; empty for agents' phones
 * @param headers     extra headers (e.g. {@code X-Accueil-Contact}); names must not be core SIP headers
 */
public record Dial(String requestUri, String fromUser, String fromDisplay, Optional<Credentials> credentials,
                   Map<String, String> headers) {

    public Dial {
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(fromUser, "fromUser");
        fromDisplay = fromDisplay == null ? "" : fromDisplay;
        Objects.requireNonNull(credentials, "credentials");
        headers = Map.copyOf(headers);
    }

    public static Dial to(String requestUri, String fromUser) {
        return new Dial(requestUri, fromUser, "", Optional.empty(), Map.of());
    }

    public Dial withCredentials(Credentials c) {
        return new Dial(requestUri, fromUser, fromDisplay, Optional.of(c), headers);
    }

    public Dial withDisplay(String display) {
        return new Dial(requestUri, fromUser, display, credentials, headers);
    }

    public Dial withHeaders(Map<String, String> extra) {
        return new Dial(requestUri, fromUser, fromDisplay, credentials, extra);
    }

    /** Username and password for a trunk's digest challenge. */
    public record Credentials(String username, String password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }
}
