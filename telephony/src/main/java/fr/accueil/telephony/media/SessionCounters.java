package fr.accueil.telephony.media;

/** A snapshot of RTP counters, for one session or summed over the engine. */
public record SessionCounters(long packetsSent, long packetsReceived, long digitsReceived, long sendFailures) {
}
