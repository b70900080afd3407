package fr.accueil.telephony.acd;

import fr.accueil.core.outbound.OutboundPolicy;
import fr.accueil.core.outbound.OutboundVerdict;

/** A trivial policy for tests: French geographic and mobile numbers (01–07, 09), never 08 (premium). */
final class FrenchNumbersPolicy implements OutboundPolicy {
    @Override
    public OutboundVerdict check(String number) {
        String n = number.replaceAll("[\\s.]", "");
        if (n.startsWith("+33")) {
            n = "0" + n.substring(3);
        }
        if (n.matches("0[1-79]\\d{8}")) {
            return new OutboundVerdict.Allowed("+33" + n.substring(1));
        }
        return new OutboundVerdict.Refused("numéro non autorisé");
    }
}
