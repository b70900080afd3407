package fr.accueil.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.outbound.OutboundPolicy;
import fr.accueil.core.outbound.OutboundVerdict;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The policy bean as configured by {@code accueil.outbound-policy}, without the rest of the application. */
class OutboundPolicyConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(OutboundPolicyConfiguration.class);

    @Test
    void by_default_french_numbers_and_free_numbers_only() {
        runner.run(context -> {
            OutboundPolicy policy = context.getBean(OutboundPolicy.class);
            assertThat(policy.check("0800 123 456")).isEqualTo(new OutboundVerdict.Allowed("+33800123456"));
            assertThat(policy.check("+32 2 123 45 67")).isInstanceOf(OutboundVerdict.Refused.class);
        });
    }

    @Test
    void configured_countries_and_no_free_numbers() {
        runner.withPropertyValues("accueil.outbound-policy.free-numbers=false", "accueil.outbound-policy.country-codes=32,41")
                .run(context -> {
                    OutboundPolicy policy = context.getBean(OutboundPolicy.class);
                    assertThat(policy.check("+32 2 123 45 67")).isEqualTo(new OutboundVerdict.Allowed("+3221234567"));
                    assertThat(policy.check("0800 123 456")).isInstanceOf(OutboundVerdict.Refused.class);
                });
    }

    @Test
    void a_malformed_country_code_stops_the_start_naming_the_property() {
        runner.withPropertyValues("accueil.outbound-policy.country-codes=+32").run(context -> {
            assertThat(context).hasFailed();
            Throwable root = context.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).hasMessageContaining("accueil.outbound-policy.country-codes").hasMessageContaining("'+32'");
        });
    }
}
