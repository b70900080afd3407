package fr.accueil.server.publication;

import fr.accueil.server.directory.DirectoryService;
import fr.accueil.server.indicators.IndicatorQueries;
import fr.accueil.server.settings.AccueilSettings;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.ITemplateEngine;

/**
 * Wires the public results site, and lets browsers keep the design-system assets for an hour
 * (they change only with a new release; the pages themselves are never cached by browsers).
 */
@Configuration(proxyBeanMethods = false)
public class PublicationConfiguration implements WebMvcConfigurer {

    @Bean
    ResultsPages resultsPages(IndicatorQueries queries, DirectoryService directory, Clock clock, AccueilSettings settings) {
        return new ResultsPages(queries, directory, clock, settings.zone());
    }

    @Bean
    PublishedPages publishedPages(ResultsPages pages, ITemplateEngine templates, Clock clock) {
        return new PublishedPages(pages, templates, clock);
    }

    /** First of all filters: see {@link PublishedPagesFilter}. */
    @Bean
    FilterRegistrationBean<PublishedPagesFilter> publishedPagesFilter(PublishedPages pages) {
        FilterRegistrationBean<PublishedPagesFilter> registration = new FilterRegistrationBean<>(new PublishedPagesFilter(pages));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CacheControl hour = CacheControl.maxAge(1, TimeUnit.HOURS).cachePublic();
        registry.addResourceHandler("/dsfr/**").addResourceLocations("classpath:/static/dsfr/").setCacheControl(hour);
        registry.addResourceHandler("/dsfr-chart/**").addResourceLocations("classpath:/static/dsfr-chart/").setCacheControl(hour);
    }
}
