package fr.accueil.server.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.outbound.FrenchOutboundPolicy;
import fr.accueil.core.outbound.OutboundVerdict;
import fr.accueil.server.queues.ContactCentreSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SimulatedCitizensTrunkTest {

    private static StandardEnvironment process(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new SimulatedCitizensTrunk().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static ContactCentreSettings contactCentre(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("accueil.contact-centre", ContactCentreSettings.class);
    }

    @Test
    void withoutATrunkTheSimulatedDemoCallsItsCitizensAndRetriesWithinSeconds() {
        StandardEnvironment environment = process(Map.of("accueil.simulation.enabled", "true"));

        int port = environment.getProperty(SimulatedCitizensTrunk.CITIZENS_PORT, Integer.class, 0);
        assertThat(port).isBetween(1024, 65535);
        ContactCentreSettings settings = contactCentre(environment);
        assertThat(settings.trunk().uriTemplate()).isEqualTo("sip:{number}@127.0.0.1:" + port);
        assertThat(settings.trunk().fromNumber()).isEqualTo("+33199000999");
        assertThat(settings.callbacks().spacing()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.callbacks().ringTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.callbacks().attempts()).as("left to its default").isEqualTo(3);
    }

    @Test
    void anExplicitlyBlankTrunkIsNoTrunkButCallbackSettingsGivenByTheUserWin() {
        StandardEnvironment environment = process(Map.of("accueil.simulation.enabled", "true",
                SimulatedCitizensTrunk.URI_TEMPLATE, "", SimulatedCitizensTrunk.SPACING, "2m",
                SimulatedCitizensTrunk.FROM_NUMBER, "+33123456789"));

        ContactCentreSettings settings = contactCentre(environment);
        assertThat(settings.trunk().uriTemplate()).startsWith("sip:{number}@127.0.0.1:");
        assertThat(settings.trunk().fromNumber()).isEqualTo("+33123456789");
        assertThat(settings.callbacks().spacing()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.callbacks().ringTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aConfiguredTrunkIsNeverTouchedNorAreTheCallbackSettings() {
        StandardEnvironment environment = process(Map.of("accueil.simulation.enabled", "true",
                SimulatedCitizensTrunk.URI_TEMPLATE, "sip:{number}@trunk.example.net:5060"));

        ContactCentreSettings settings = contactCentre(environment);
        assertThat(settings.trunk().uriTemplate()).isEqualTo("sip:{number}@trunk.example.net:5060");
        assertThat(settings.trunk().fromNumber()).isEmpty();
        assertThat(settings.callbacks().spacing()).isEqualTo(Duration.ofMinutes(10));
        assertThat(environment.getProperty(SimulatedCitizensTrunk.CITIZENS_PORT)).isNull();
    }

    @Test
    void aTrunkGivenAsAnEnvironmentVariableCountsAsConfigured() {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> variables = new HashMap<>();
        variables.put("ACCUEIL_CONTACTCENTRE_TRUNK_URITEMPLATE", "sip:{number}@trunk.example.net");
        variables.put("ACCUEIL_SIMULATION_ENABLED", "true");
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        new SimulatedCitizensTrunk().postProcessEnvironment(environment, new SpringApplication());

        assertThat(contactCentre(environment).trunk().uriTemplate()).isEqualTo("sip:{number}@trunk.example.net");
        assertThat(environment.getProperty(SimulatedCitizensTrunk.CITIZENS_PORT)).isNull();
    }

    @Test
    void withoutTheSimulatorNothingChanges() {
        StandardEnvironment environment = process(Map.of("accueil.simulation.enabled", "false"));

        assertThat(contactCentre(environment).trunk().uriTemplate()).isEmpty();
        assertThat(contactCentre(environment).callbacks().spacing()).isEqualTo(Duration.ofMinutes(10));
        assertThat(environment.getProperty(SimulatedCitizensTrunk.CITIZENS_PORT)).isNull();
    }

    @Test
    void simulatedCallersAskForCallbacksOnlyWhenTheSimulatedCitizensStandInForTheTrunk() {
        var callbacks = new ContactCentreSettings.Callbacks(3, Duration.ofSeconds(15), '7', Duration.ofSeconds(10));
        TrafficSimulator standIn = new TrafficSimulator(settings(40_000), () -> 5060, "127.0.0.1", List.of(), null, callbacks);
        TrafficSimulator realTrunk = new TrafficSimulator(settings(0), () -> 5060, "127.0.0.1", List.of(), null, callbacks);

        assertThat(standIn.callbackAsking()).isEqualTo(new CallbackAsking(0.3, '9', '7'));
        assertThat(realTrunk.callbackAsking().probability()).as("no callbacks to fictional numbers over a real trunk").isZero();
    }

    private static SimulationSettings settings(int citizensPort) {
        return new SimulationSettings(true, 20, 0.1, Duration.ofMinutes(3), Duration.ofMinutes(2), 0.3, '9', 0.8, 30000, 31999,
                citizensPort);
    }

    @Test
    void theOutboundPolicyAcceptsTheNumbersSimulatedCallersCallFrom() {
        FrenchOutboundPolicy policy = FrenchOutboundPolicy.defaults();
        for (int lastFour : new int[] {0, 42, 9999}) {
            String number = TrafficSimulator.fictionalNumber(lastFour);
            assertThat(policy.check(number)).as("policy on %s", number).isInstanceOf(OutboundVerdict.Allowed.class);
        }
        assertThat(TrafficSimulator.fictionalNumber(42)).isEqualTo("+33639980042");
    }
}
