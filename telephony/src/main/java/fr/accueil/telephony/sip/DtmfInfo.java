package fr.accueil.telephony.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a DTMF digit from a SIP INFO body: {@code application/dtmf-relay} ({@code Signal=5},
 * {@code Duration=160}, the de-facto format from Cisco and most trunks) and {@code application/dtmf}
 * (the digit alone). Stateless.
 */
final class DtmfInfo {
    private DtmfInfo() {
    }

    /**
     * Empty when the content type is not one we take (answer 415); otherwise the digit, or an empty
     * digit for a body of a known type without a usable digit (answer 200, nothing to inject).
     */
    static Optional<Optional<Character>> digitOf(String contentType, String body) {
        return switch (contentType.toLowerCase(Locale.ROOT)) {
            case "application/dtmf-relay" -> Optional.of(relaySignal(body).flatMap(DtmfInfo::digit));
            case "application/dtmf" -> Optional.of(digit(body.strip()));
            default -> Optional.empty();
        };
    }

    private static Optional<String> relaySignal(String body) {
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("Signal")) {
                return Optional.of(line.substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<Character> digit(String value) {
        if (value.length() == 1 && "0123456789*#".indexOf(value.charAt(0)) >= 0) {
            return Optional.of(value.charAt(0));
        }
        // Some gateways send the RFC 4733 event number: 10 is *, 11 is #.
        return switch (value) {
            case "10" -> Optional.of('*');
            case "11" -> Optional.of('#');
            default -> Optional.empty();
        };
    }
}
