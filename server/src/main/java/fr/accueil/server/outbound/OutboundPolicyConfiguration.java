package fr.accueil.server.outbound;

import fr.accueil.core.outbound.FrenchOutboundPolicy;
import fr.accueil.core.outbound.OutboundPolicy;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbound policy every call out goes through (toll-fraud protection), from {@code accueil.outbound-policy}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundPolicySettings.class)
public class OutboundPolicyConfiguration {

    @Bean
    OutboundPolicy outboundPolicy(OutboundPolicySettings settings) {
        return new FrenchOutboundPolicy(settings.freeNumbers(), Set.copyOf(settings.countryCodes()));
    }
}
