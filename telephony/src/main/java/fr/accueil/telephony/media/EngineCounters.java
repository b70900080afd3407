package fr.accueil.telephony.media;

/**
 * Engine-wide RTP counters. {@code lateTicks}: pacer ticks that started more than 2 ms after their
 * due time; {@code skippedTicks}: ticks dropped after a stall longer than three periods.
 * {@code activeBridges}: sessions pairs connected now ({@link MediaBridge}); {@code packetsRelayed} and
 * {@code relayDropped}: packets received on a bridged session and sent on / not sent on by the other
 * side, since the engine started (relayed packets are not counted in {@code packetsSent}, which is
 * the pacers' figure).
 */
public record EngineCounters(int activeSessions, int freePorts, long packetsSent, long packetsReceived, long digitsReceived,
                             long sendFailures, long lateTicks, long skippedTicks, int activeBridges, long packetsRelayed,
                             long relayDropped) {
}
