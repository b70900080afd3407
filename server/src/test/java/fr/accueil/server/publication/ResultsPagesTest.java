package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.directory.DirectoryValidator;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.server.directory.DirectoryService;
import fr.accueil.server.directory.DirectorySource;
import fr.accueil.server.directory.DirectoryYamlLoader;
import fr.accueil.server.indicators.IndicatorQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The page models and the pages' short cache, on a clock the test moves. */
class ResultsPagesTest {
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final AtomicInteger computations = new AtomicInteger();

    private final IndicatorQueries counting = new IndicatorQueries() {
        @Override
        public RuleSet rules() {
            return RuleSet.defaults("2026-1");
        }

        @Override
        public Map<Slice, Indicators> compute(Query query) {
            computations.incrementAndGet();
            return Map.of();
        }
    };

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private ResultsPages pages() {
        DirectoryService directory = new DirectoryService(new DirectorySource.Classpath("demo/directory.yaml"),
                new DirectoryYamlLoader(new DirectoryValidator(Set.of()), p -> true));
        return new ResultsPages(counting, directory, clock, ZoneId.of("Europe/Paris"));
    }

    @Test
    void a_cached_value_is_computed_once_per_freshness_period() {
        ShortCache<String> cache = new ShortCache<>(clock, Duration.ofSeconds(2));
        AtomicInteger renders = new AtomicInteger();
        String first = cache.get("home", () -> "page " + renders.incrementAndGet());
        assertThat(first).isEqualTo("page 1");
        now = now.plusMillis(1999);
        assertThat(cache.get("home", () -> "page " + renders.incrementAndGet())).isEqualTo("page 1");
        assertThat(cache.get("other", () -> "other " + renders.incrementAndGet())).as("keys apart").isEqualTo("other 2");
        now = now.plusMillis(1);
        assertThat(cache.get("home", () -> "page " + renders.incrementAndGet())).as("expired: recomputed").isEqualTo("page 3");
    }

    @Test
    void while_one_thread_recomputes_an_expired_value_the_others_get_the_previous_one() throws Exception {
        ShortCache<String> cache = new ShortCache<>(clock, Duration.ofSeconds(2));
        cache.get("home", () -> "old");
        now = now.plusSeconds(3);
        java.util.concurrent.CountDownLatch computing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread refresher = Thread.ofVirtual().start(() -> cache.get("home", () -> {
            computing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "new";
        }));
        computing.await();
        assertThat(cache.get("home", () -> "must not be computed twice")).isEqualTo("old");
        release.countDown();
        refresher.join();
        assertThat(cache.get("home", () -> "must not be computed")).isEqualTo("new");
    }

    @Test
    void models_are_computed_at_every_call() {
        ResultsPages pages = pages();
        pages.home();
        pages.home();
        assertThat(computations).hasValue(2);
    }

    @Test
    void pages_are_cached_apart_and_an_unknown_administration_is_empty() {
        ResultsPages pages = pages();
        assertThat(pages.administration("caf-demoville")).isPresent()
                .hasValueSatisfying(p -> assertThat(p.services()).extracting(ResultsPages.ServiceRow::slug).containsExactly("caf-prestations"));
        int afterOne = computations.get();
        assertThat(pages.administration("nulle-part")).isEmpty();
        assertThat(computations.get()).isGreaterThan(afterOne);
        now = now.plus(Duration.ofMillis(500));
        assertThat(pages.administration("caf-demoville")).isPresent();
        assertThat(pages.home().administrations()).extracting(ResultsPages.AdministrationSummary::slug)
                .containsExactly("caf-demoville", "mairie-exempleville", "prefecture-exemple");
        assertThat(pages.home().quarter()).isEqualTo("4e trimestre 2026");
        assertThat(pages.home().previousQuarter()).isEqualTo("3e trimestre 2026");
    }
}
