package fr.accueil.server.telephony;

import fr.accueil.telephony.media.EngineCounters;
import fr.accueil.telephony.media.MediaEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The RTP engine's counters ({@link EngineCounters}) as meters, e.g. {@code accueil_rtp_packets_relayed_total}
 * and {@code accueil_rtp_bridges_active} on {@code /actuator/prometheus}. Read at each scrape; nothing
 * is added to the media threads.
 */
public final class RtpMetrics implements MeterBinder {
    private final MediaEngine engine;

    public RtpMetrics(MediaEngine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "accueil.rtp.sessions.active", "RTP sessions open", EngineCounters::activeSessions);
        gauge(registry, "accueil.rtp.ports.free", "RTP ports free in the pool", EngineCounters::freePorts);
        gauge(registry, "accueil.rtp.bridges.active", "media sessions pairs connected by the relay", EngineCounters::activeBridges);
        counter(registry, "accueil.rtp.packets.sent", "RTP packets sent by the pacers (silence, prompts)", EngineCounters::packetsSent);
        counter(registry, "accueil.rtp.packets.received", "RTP packets received", EngineCounters::packetsReceived);
        counter(registry, "accueil.rtp.packets.relayed", "RTP packets relayed from one bridged session to the other",
                EngineCounters::packetsRelayed);
        counter(registry, "accueil.rtp.relay.dropped", "packets received on a bridged session and not relayed "
                + "(comfort noise, unknown payload type, no telephone-event on the other side, send failure)", EngineCounters::relayDropped);
        counter(registry, "accueil.rtp.send.failures", "pacer sends that failed", EngineCounters::sendFailures);
        counter(registry, "accueil.rtp.pacer.late.ticks", "pacer ticks started more than 2 ms late", EngineCounters::lateTicks);
        counter(registry, "accueil.rtp.digits.received", "DTMF digits received (RFC 4733, SIP INFO, in-band)", EngineCounters::digitsReceived);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<EngineCounters> value) {
        Gauge.builder(name, engine, e -> value.applyAsDouble(e.counters())).description(description).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToLongFunction<EngineCounters> value) {
        FunctionCounter.builder(name, engine, e -> value.applyAsLong(e.counters())).description(description).register(registry);
    }
}
