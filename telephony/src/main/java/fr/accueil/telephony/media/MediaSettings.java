package fr.accueil.telephony.media;

import java.net.InetAddress;
import java.util.Objects;

/**
 * RTP media configuration.
 *
 * @param bindAddress       local address the RTP sockets bind to (0.0.0.0 for all)
 * @param advertisedAddress the address written into our SDP c= line (the public one behind NAT)
 * @param portMin           lowest RTP port, even (RFC 3550 §11: RTP on even ports, RTCP on the next odd one)
 * @param portMax           highest port of the range, inclusive; the last usable RTP port is the
 *                          highest even port whose RTCP companion still fits
 * @param pacerThreads      platform threads sending RTP; each ticks every 20 ms for its share of sessions
 * @param inbandDtmf        also detect DTMF tones in received audio (Goertzel), for peers that did
 *                          not negotiate telephone-event; costs ~1 µs of receiver CPU per packet
 */
public record MediaSettings(InetAddress bindAddress, String advertisedAddress, int portMin, int portMax, int pacerThreads,
                            boolean inbandDtmf) {
    public MediaSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (advertisedAddress == null || advertisedAddress.isBlank()) {
            throw new IllegalArgumentException("media.advertised-address must be set (the address peers send RTP to)");
        }
        if (portMin < 1024 || portMin > 65534 || portMin % 2 != 0) {
            throw new IllegalArgumentException("media.port-min must be an even port in 1024..65534, got " + portMin);
        }
        if (portMax < portMin + 1 || portMax > 65535) {
            throw new IllegalArgumentException("media.port-max must be in " + (portMin + 1) + "..65535, got " + portMax);
        }
        if (pacerThreads < 1 || pacerThreads > 64) {
            throw new IllegalArgumentException("media.pacer-threads must be in 1..64, got " + pacerThreads);
        }
    }

    public MediaSettings(InetAddress bindAddress, String advertisedAddress, int portMin, int portMax, int pacerThreads) {
        this(bindAddress, advertisedAddress, portMin, portMax, pacerThreads, false);
    }

    /** One pacer per core, at most 4: one thread already sends ~5,000 streams on loopback. */
    public static int defaultPacerThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public static MediaSettings of(InetAddress bindAddress, String advertisedAddress, int portMin, int portMax) {
        return new MediaSettings(bindAddress, advertisedAddress, portMin, portMax, defaultPacerThreads());
    }
}
