package fr.accueil.server.imports;

import fr.accueil.server.directory.DirectoryService;
import fr.accueil.server.indicators.ImportedFacts;
import fr.accueil.server.settings.AccueilSettings;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imports of other telephony's records: the importer, its upload API and its command-line mode. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportSettings.class)
public class ImportsConfiguration {

    @Bean
    ContactImporter contactImporter(ImportedFacts store, DirectoryService directory, AccueilSettings settings,
                                    ImportSettings imports, Clock clock) {
        return ContactImporter.of(store, directory, settings.zone(), imports.batchSize(), clock);
    }
}
