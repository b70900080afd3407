package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import fr.accueil.core.contact.ContactJournal;
import fr.accueil.server.indicators.IndicatorQueries;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The journal-backed fallback exists only while no other {@link IndicatorQueries} does. */
class FallbackIndicatorsConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FallbackIndicatorsConfiguration.class))
            .withBean(ContactJournal.class, () -> mock(ContactJournal.class));

    @Test
    void without_an_indicator_backend_the_fallback_reads_the_journal_with_the_configured_version() {
        runner.withPropertyValues("accueil.indicators.rule-set-version=2027-3").run(context -> {
            assertThat(context).getBean(IndicatorQueries.class).isInstanceOf(FactsIndicatorQueries.class);
            assertThat(context.getBean(IndicatorQueries.class).rules().version()).isEqualTo("2027-3");
        });
    }

    @Test
    void an_indicator_backend_bean_replaces_the_fallback() {
        IndicatorQueries backend = mock(IndicatorQueries.class);
        runner.withBean("rollups", IndicatorQueries.class, () -> backend).run(context -> {
            assertThat(context).hasSingleBean(IndicatorQueries.class);
            assertThat(context.getBean(IndicatorQueries.class)).isSameAs(backend);
        });
    }
}
