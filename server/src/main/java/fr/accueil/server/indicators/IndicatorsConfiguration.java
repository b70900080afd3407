package fr.accueil.server.indicators;

import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.indicators.internal.Recomputation;
import fr.accueil.server.indicators.internal.RollupStore;
import fr.accueil.server.indicators.internal.RollupUpkeep;
import fr.accueil.server.settings.AccueilSettings;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The indicators feature: the active rule set, the roll-up table, its upkeep as contacts end (a
 * listener the contact journal calls inside its transactions, writing deltas that a folding adds to
 * the table every few seconds), the periodic sealing of past days'
 * day roll-ups, imports' storage, recompute and the queries the API and the public site read.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndicatorSettings.class)
public class IndicatorsConfiguration {

    @Bean
    RuleSet indicatorRuleSet(IndicatorSettings settings) {
        return settings.ruleSet();
    }

    @Bean
    @DependsOnDatabaseInitialization
    RollupStore rollupStore(DataSource dataSource, AccueilSettings settings, Clock clock) {
        return new RollupStore(dataSource, settings.zone(), clock);
    }

    @Bean
    RollupUpkeep rollupUpkeep(RollupStore store, RuleSet rules) {
        return new RollupUpkeep(store, rules);
    }

    @Bean
    Recomputation recomputation(RollupStore store, RuleSet rules, Clock clock) {
        return new Recomputation(store, rules, clock);
    }

    @Bean
    ImportedFacts importedFacts(RollupStore store, RuleSet rules, Clock clock) {
        return new ImportedFacts(store, rules, clock);
    }

    @Bean
    DaySealing daySealing(RollupStore store, RuleSet rules, Clock clock) {
        return new DaySealing(store, rules, clock);
    }

    @Bean
    RollupFolding rollupFolding(RollupStore store) {
        return new RollupFolding(store.pending());
    }

    @Bean
    RollupIndicatorQueries indicatorQueries(RollupStore store, RuleSet rules) {
        return new RollupIndicatorQueries(store, rules);
    }
}
