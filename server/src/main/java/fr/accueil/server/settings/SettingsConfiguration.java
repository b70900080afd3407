package fr.accueil.server.settings;

import fr.accueil.core.contact.CallerPseudonym;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@link AccueilSettings} and provides the beans every feature shares. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccueilSettings.class)
public class SettingsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CallerPseudonym callerPseudonym(AccueilSettings settings) {
        return new CallerPseudonym(PseudonymKeys.resolve(settings));
    }
}
