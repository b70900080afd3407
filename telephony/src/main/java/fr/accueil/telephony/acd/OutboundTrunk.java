package fr.accueil.telephony.acd;

import fr.accueil.telephony.call.Dial;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbound SIP trunk used for callbacks and transfers to numbers. Only numbers the outbound policy
 * allowed (normalised to E.164) are ever put into the template.
 *
 * @param uriTemplate  the Request-URI with {@code {number}} where the E.164 number goes,
 *                     e.g. {@code sip:{number}@trunk.example.net:5060}
 * @param fromNumber   the number presented to the citizen (From user part)
 * @param credentials  digest credentials for the trunk's challenges; empty if it authenticates by address
 */
public record OutboundTrunk(String uriTemplate, String fromNumber, Optional<Dial.Credentials> credentials) {
    public OutboundTrunk {
        Objects.requireNonNull(uriTemplate, "uriTemplate");
        Objects.requireNonNull(fromNumber, "fromNumber");
        Objects.requireNonNull(credentials, "credentials");
        if (!uriTemplate.contains("{number}")) {
            throw new IllegalArgumentException("trunk URI template must contain {number}: " + uriTemplate);
        }
    }

    /** The Request-URI for a number the outbound policy allowed. */
    public String uriFor(String e164) {
        return uriTemplate.replace("{number}", e164);
    }

    /** A dial to a citizen's number through this trunk. */
    public Dial dialTo(String e164, String display) {
        Dial dial = Dial.to(uriFor(e164), fromNumber).withDisplay(display);
        return credentials.map(dial::withCredentials).orElse(dial);
    }
}
