package fr.accueil.server.simulation;

import fr.accueil.telephony.sip.SipEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the traffic simulator on and no outbound trunk configured, points the contact centre's trunk at
 * the simulated citizens' phones ({@link SimulatedCitizens}, started by the {@link TrafficSimulator}) so
 * that the demo's callbacks are carried out, and makes callback attempts follow each other within
 * seconds. A configured trunk ({@code accueil.contact-centre.trunk.uri-template}) is never touched: then
 * there are no simulated citizens and the callback settings are left as they are. Callback settings
 * the user gave win over these.
 *
 * <p>An environment post-processor because the trunk is fixed when the contact centre is built, before
 * any lifecycle starts: the citizens' port is chosen free here, published in the trunk's URI and bound
 * by the simulator later (decision 0027).
 */
public class SimulatedCitizensTrunk implements EnvironmentPostProcessor, Ordered {
    static final String ENABLED = "accueil.simulation.enabled";
    static final String CITIZENS_PORT = "accueil.simulation.citizens-port";
    static final String URI_TEMPLATE = "accueil.contact-centre.trunk.uri-template";
    static final String FROM_NUMBER = "accueil.contact-centre.trunk.from-number";
    static final String SPACING = "accueil.contact-centre.callbacks.spacing";
    static final String RING_TIMEOUT = "accueil.contact-centre.callbacks.ring-timeout";
    static final String HOST = "127.0.0.1";
    /** The demonstration service's number: what the simulated citizens see calling them back. */
    static final String DEMO_FROM_NUMBER = "+33199000999";
    /** Short enough that a newcomer sees retries and given-up callbacks within a minute or two. */
    static final String DEMO_SPACING = "15s";
    /** Below the simulated agents' usual talk time: an agent waiting on a ringing citizen rarely hangs up first. */
    static final String DEMO_RING_TIMEOUT = "10s";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        if (!binder.bind(ENABLED, Boolean.class).orElse(false) || !binder.bind(URI_TEMPLATE, String.class).orElse("").isBlank()) {
            return;
        }
        int port;
        try {
            port = SipEndpoint.freePort(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException("traffic simulator: no port free on " + HOST + " for the simulated citizens", e);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(URI_TEMPLATE, "sip:{number}@" + HOST + ":" + port);
        values.put(CITIZENS_PORT, port);
        putIfUnset(binder, values, FROM_NUMBER, DEMO_FROM_NUMBER);
        putIfUnset(binder, values, SPACING, DEMO_SPACING);
        putIfUnset(binder, values, RING_TIMEOUT, DEMO_RING_TIMEOUT);
        // First: an explicitly blank uri-template (no trunk) must not hide the stand-in.
        environment.getPropertySources().addFirst(new MapPropertySource("accueilSimulatedCitizensTrunk", values));
    }

    private static void putIfUnset(Binder binder, Map<String, Object> values, String name, String value) {
        if (binder.bind(name, String.class).orElse("").isBlank()) {
            values.put(name, value);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
