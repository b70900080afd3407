package fr.accueil.server.publication;

import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.indicators.IndicatorQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Supplies {@link FactsIndicatorQueries} when the application defines no other
 * {@link IndicatorQueries} (the roll-up backed one replaces it). Declared as an auto-configuration
 * (META-INF/spring/...AutoConfiguration.imports) so that the condition is evaluated after every
 * application bean is known, whatever the scanning order.
 */
@AutoConfiguration
public class FallbackIndicatorsConfiguration {

    @Bean
    @ConditionalOnMissingBean(IndicatorQueries.class)
    IndicatorQueries factsIndicatorQueries(ContactJournal journal,
                                           @Value("${accueil.indicators.rule-set-version:2026-1}") String version) {
        return new FactsIndicatorQueries(journal, RuleSet.defaults(version));
    }
}
