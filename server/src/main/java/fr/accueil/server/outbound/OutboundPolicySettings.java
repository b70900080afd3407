package fr.accueil.server.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code accueil.outbound-policy} (see docs/configuration.md): which numbers Accueil
 * may call out to (callbacks, transfers, overflow to a number).
 *
 * @param freeNumbers  whether free numbers 0800–0805 may be called (default yes)
 * @param countryCodes foreign country codes that may be called, digits only (e.g. {@code 32}, {@code 41});
 *                     default none. France and its overseas codes are always allowed
 */
@ConfigurationProperties("accueil.outbound-policy")
public record OutboundPolicySettings(@DefaultValue("true") boolean freeNumbers, @DefaultValue List<String> countryCodes) {

    public OutboundPolicySettings {
        countryCodes = List.copyOf(countryCodes);
        for (String code : countryCodes) {
            if (!code.matches("[1-9]\\d{0,2}")) {
                throw new IllegalArgumentException("accueil.outbound-policy.country-codes: a country code is 1 to 3 digits "
                        + "without + or 00 (e.g. 32 for Belgium), got '" + code + "'");
            }
        }
    }
}
