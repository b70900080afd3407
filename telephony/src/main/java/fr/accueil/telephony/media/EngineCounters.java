package fr.accueil.telephony.media;

/**
 * Engine-wide RTP counters. {@code lateTicks}: pacer ticks that started more than 2 ms after their
 * due time; {@code skippedTicks}: ticks dropped after a stall longer than three periods.
 */
public record EngineCounters(int activeSessions, int freePorts, long packetsSent, long packetsReceived, long digitsReceived,
                             long sendFailures, long lateTicks, long skippedTicks) {
}
