package fr.accueil.server.simulation;

import fr.accueil.core.routing.AgentId;
import fr.accueil.server.agents.AgentStateChanger;
import fr.accueil.server.queues.ContactCentreSettings;
import fr.accueil.telephony.acd.AgentTarget;
import fr.accueil.telephony.media.MediaEngine;
import fr.accueil.telephony.media.MediaSettings;
import fr.accueil.telephony.media.MediaUnavailableException;
import fr.accueil.telephony.sip.SipEndpoint;
import fr.accueil.telephony.sip.SipSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Simulated traffic over real SIP and RTP on loopback, started after the server's SIP endpoint: a
 * second {@link SipEndpoint} of its own (its own RTP ports) is both the agents' phones (REGISTER with
 * digest, answer the centre's INVITEs) and the citizens' phones (INVITE the demo numbers at Poisson
 * arrivals). Agents are signed in through the same state API as the agents' page. Without a configured
 * trunk, a third role: the citizens called back ({@link SimulatedCitizens}), on a SIP endpoint of their
 * own at the port {@link SimulatedCitizensTrunk} put in the stand-in trunk's URI, sharing the media engine.
 */
final class TrafficSimulator implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);
    /** After SIP (phase 0): the registrar and the service numbers must answer. */
    static final int PHASE = 100;
    private static final Duration REGISTRATION = Duration.ofMinutes(30);

    /** An agent the simulator plays: account id, SIP username and clear password. */
    record SimulatedAgent(AgentId id, String username, String password) {
        @Override
        public String toString() {
            return "SimulatedAgent[" + id.value() + "]";
        }
    }

    private final SimulationSettings settings;
    private final IntSupplier serverPort;
    private final String serverHost;
    private final List<SimulatedAgent> agents;
    private final AgentStateChanger states;
    private final ContactCentreSettings.Callbacks callbacks;
    private final CallbackAsking asking;
    private final CallerMix mix = CallerMix.demo();
    private final SimulatedTime time;
    private final Map<SimulatedCaller.Result, AtomicLong> results = new EnumMap<>(SimulatedCaller.Result.class);
    private final AtomicLong placed = new AtomicLong();

    private volatile boolean running;
    private MediaEngine media;
    private SipEndpoint phones;
    private SimulatedAgents agentPhones;
    private SipEndpoint citizenPhones;
    private SimulatedCitizens citizens;
    private Thread arrivals;
    private Thread registrations;

    TrafficSimulator(SimulationSettings settings, IntSupplier serverPort, String serverHost, List<SimulatedAgent> agents,
                     AgentStateChanger states, ContactCentreSettings.Callbacks callbacks) {
        this.settings = settings;
        this.callbacks = callbacks;
        // A configured trunk is a real network: no callbacks to the callers' fictional numbers over it.
        this.asking = new CallbackAsking(settings.citizensPort() > 0 ? settings.callbackAcceptance() : 0,
                settings.callbackKey(), callbacks.confirmKey());
        this.serverPort = serverPort;
        this.serverHost = serverHost;
        this.agents = List.copyOf(agents);
        this.states = states;
        this.time = new SimulatedTime(settings.timeScale(), ThreadLocalRandom.current());
        for (SimulatedCaller.Result r : SimulatedCaller.Result.values()) {
            results.put(r, new AtomicLong());
        }
    }

    @Override
    public void start() {
        try {
            media = new MediaEngine(MediaSettings.of(InetAddress.getLoopbackAddress(), "127.0.0.1", settings.rtpPortMin(),
                    settings.rtpPortMax()));
            agentPhones = new SimulatedAgents(new SimulatedTime(settings.timeScale(), ThreadLocalRandom.current()),
                    settings.meanHandlingTime());
            phones = new SipEndpoint(SipSettings.defaults("127.0.0.1", 0), media, agentPhones, Clock.systemUTC());
            phones.start();
            if (settings.citizensPort() > 0) {
                citizens = new SimulatedCitizens(new SimulatedTime(settings.timeScale(), ThreadLocalRandom.current()),
                        settings.meanHandlingTime(), settings.callbackAnswerRate());
                citizenPhones = new SipEndpoint(SipSettings.defaults("127.0.0.1", settings.citizensPort()), media, citizens,
                        Clock.systemUTC());
                citizenPhones.start();
                log.info("traffic simulator: no outbound trunk configured, callbacks go to simulated citizens at 127.0.0.1:{}"
                                + " (answer rate {}, {} attempt(s) {} s apart)", citizenPhones.port(), settings.callbackAnswerRate(),
                        callbacks.attempts(), callbacks.spacing().toSeconds());
            } else if (settings.callbackAcceptance() > 0) {
                log.info("traffic simulator: an outbound trunk is configured, simulated callers do not ask for callbacks");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("traffic simulator: cannot open its SIP endpoint: " + e.getMessage(), e);
        }
        running = true;
        registrations = Thread.ofVirtual().name("simulation-agents").start(this::keepAgentsSignedIn);
        arrivals = Thread.ofVirtual().name("simulation-arrivals").start(this::placeCalls);
        log.info("traffic simulator: {} agent(s), {} calls/min, time scale {} (SIP {}:{} towards {}:{})", agents.size(),
                settings.callsPerMinute(), settings.timeScale(), "127.0.0.1", phones.port(), serverHost, serverPort.getAsInt());
    }

    private void keepAgentsSignedIn() {
        boolean first = true;
        while (running) {
            for (SimulatedAgent agent : agents) {
                int status = phones.register(serverHost + ":" + serverPort.getAsInt(), agent.username(), agent.password(),
                        REGISTRATION.plusMinutes(5), Duration.ofSeconds(10));
                if (status != 200) {
                    log.warn("traffic simulator: agent {} could not register ({}): it takes no calls", agent.id().value(), status);
                    continue;
                }
                if (first) {
                    try {
                        states.changeState(agent.id(), AgentTarget.AVAILABLE, null);
                    } catch (RuntimeException e) {
                        log.warn("traffic simulator: agent {} could not sign in: {}", agent.id().value(), e.getMessage());
                    }
                }
            }
            first = false;
            try {
                Thread.sleep(REGISTRATION.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void placeCalls() {
        while (running) {
            try {
                Thread.sleep(time.nextArrivalGap(settings.callsPerMinute()).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            DialledService service = mix.pickService(time);
            CallerIntent intent = mix.pickIntent(time);
            String target = "sip:" + service.sipUser() + "@" + serverHost + ":" + serverPort.getAsInt();
            String caller = fictionalNumber(time.random().nextInt(10_000));
            placed.incrementAndGet();
            Thread.ofVirtual().name("simulated-caller").start(() -> {
                try {
                    SimulatedCaller.Result r = new SimulatedCaller(phones, target, caller, service, intent, time, settings, asking).call();
                    results.get(r).incrementAndGet();
                } catch (MediaUnavailableException e) {
                    log.debug("traffic simulator: call not placed: {}", e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("traffic simulator: simulated call failed", e);
                }
            });
        }
    }

    /**
     * A caller's number: fictional mobile numbers (ARCEP keeps 06 39 98 xx xx for fiction) that the
     * outbound policy accepts, so that callbacks to them are placed; the server pseudonymises them anyway.
     */
    static String fictionalNumber(int lastFour) {
        return "+3363998" + String.format("%04d", lastFour);
    }

    /** Calls placed so far and how they ended from the callers' side. */
    Map<SimulatedCaller.Result, Long> results() {
        Map<SimulatedCaller.Result, Long> copy = new EnumMap<>(SimulatedCaller.Result.class);
        results.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    CallbackAsking callbackAsking() {
        return asking;
    }

    long placed() {
        return placed.get();
    }

    long answeredByAgents() {
        return agentPhones == null ? 0 : agentPhones.answered();
    }

    /** Callback attempts the simulated citizens answered, declined and left ringing (zeros without them). */
    record CitizenCounts(long answered, long declined, long leftRinging) {
    }

    CitizenCounts citizens() {
        return citizens == null ? new CitizenCounts(0, 0, 0)
                : new CitizenCounts(citizens.answered(), citizens.declined(), citizens.leftRinging());
    }

    @Override
    public void stop() {
        running = false;
        if (arrivals != null) {
            arrivals.interrupt();
        }
        if (registrations != null) {
            registrations.interrupt();
        }
        if (citizenPhones != null) {
            citizenPhones.stop(Duration.ofMillis(200));
        }
        if (phones != null) {
            phones.stop(Duration.ofMillis(200));
        }
        if (media != null) {
            media.close();
        }
        log.info("traffic simulator stopped: {} calls placed, {}; citizens called back: {}", placed.get(), results(), citizens());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
