package fr.accueil.server.publication;

import fr.accueil.server.directory.DirectoryService;
import fr.accueil.server.indicators.IndicatorQueries;
import fr.accueil.server.settings.AccueilSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the public results site. */
@Configuration(proxyBeanMethods = false)
public class PublicationConfiguration {

    @Bean
    ResultsPages resultsPages(IndicatorQueries queries, DirectoryService directory, Clock clock, AccueilSettings settings) {
        return new ResultsPages(queries, directory, clock, settings.zone());
    }
}
