package fr.accueil.server.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code accueil.*} (see docs/configuration.md). Validated when bound: a wrong
 * value stops the start-up with a message naming the property and its limit. Immutable.
 *
 * @param dataDir       where the H2 database and the pseudonymisation key live
 * @param directoryFile the directory YAML file; absent means the built-in demo directory
 * @param promptDirs    prompt directories searched in order (an administration's own recordings first)
 * @param maxCalls      simultaneous calls accepted before answering 503
 * @param pseudonymKey  base64 HMAC key (≥ 16 bytes) for caller pseudonyms; absent means
 *                      {@code ${dataDir}/pseudonym.key}, generated once
 * @param zone          the zone in which API dates ({@code from=2026-11-27}) are read
 */
@ConfigurationProperties("accueil")
public record AccueilSettings(@DefaultValue("./data") Path dataDir,
                              Path directoryFile,
                              @DefaultValue("prompts/fr") List<Path> promptDirs,
                              @DefaultValue Sip sip,
                              @DefaultValue Rtp rtp,
                              @DefaultValue("2000") int maxCalls,
                              String pseudonymKey,
                              @DefaultValue("Europe/Paris") ZoneId zone,
                              @DefaultValue Journal journal) {

    public AccueilSettings {
        require(dataDir != null, "accueil.data-dir must be set");
        promptDirs = List.copyOf(promptDirs);
        require(maxCalls >= 1 && maxCalls <= 100_000, "accueil.max-calls must be between 1 and 100000, got " + maxCalls);
        // One RTP port per call (RTCP is not used): the range must hold max-calls ports.
        int ports = rtp.portMax() - rtp.portMin() + 1;
        require(ports >= maxCalls, "accueil.rtp port range " + rtp.portMin() + "-" + rtp.portMax() + " holds " + ports
                + " ports, fewer than accueil.max-calls (" + maxCalls + ")");
        require(pseudonymKey == null || pseudonymKey.isBlank() || PseudonymKeys.decode(pseudonymKey).length >= 16,
                "accueil.pseudonym-key must be base64 of at least 16 bytes");
    }

    /**
     * SIP signalling (UDP and TCP on the same port). Port 0 picks a free port (tests).
     *
     * @param enabled         false runs the API without telephony (tests of the API alone)
     * @param rtpTimeout      a call whose caller sends no RTP for this long is hung up
     * @param maxCallDuration a call older than this is hung up
     */
    public record Sip(@DefaultValue("true") boolean enabled, @DefaultValue("5060") int port,
                      @DefaultValue("0.0.0.0") String bind, String advertisedHost,
                      @DefaultValue("30s") Duration rtpTimeout, @DefaultValue("2h") Duration maxCallDuration) {
        public Sip {
            require(port >= 0 && port <= 65535, "accueil.sip.port must be between 0 and 65535, got " + port);
            require(bind != null && !bind.isBlank(), "accueil.sip.bind must be an address, got '" + bind + "'");
        }
    }

    /** RTP media ports, inclusive range. */
    public record Rtp(@DefaultValue("20000") int portMin, @DefaultValue("29999") int portMax) {
        public Rtp {
            require(portMin >= 1024 && portMin <= 65535, "accueil.rtp.port-min must be between 1024 and 65535, got " + portMin);
            require(portMax >= portMin && portMax <= 65535,
                    "accueil.rtp.port-max must be between accueil.rtp.port-min (" + portMin + ") and 65535, got " + portMax);
        }
    }

    /**
     * The contact journal's writer: queue capacity (callers block when it is full) and the most
     * commands written in one transaction.
     */
    public record Journal(@DefaultValue("65536") int queueCapacity, @DefaultValue("2000") int batchSize,
                          @DefaultValue("25ms") Duration linger) {
        public Journal {
            require(linger != null && !linger.isNegative() && linger.toMillis() <= 1000,
                    "accueil.journal.linger must be between 0 and 1s, got " + linger);
            require(queueCapacity >= 16 && queueCapacity <= 10_000_000,
                    "accueil.journal.queue-capacity must be between 16 and 10000000, got " + queueCapacity);
            require(batchSize >= 1 && batchSize <= 100_000,
                    "accueil.journal.batch-size must be between 1 and 100000, got " + batchSize);
        }
    }

    public boolean usesDemoDirectory() {
        return directoryFile == null;
    }

    /** The key is a secret: never printed, even in a debug dump of the settings. */
    @Override
    public String toString() {
        return "AccueilSettings[dataDir=" + dataDir + ", directoryFile=" + (directoryFile == null ? "(demo)" : directoryFile)
                + ", promptDirs=" + promptDirs + ", sip=" + sip + ", rtp=" + rtp + ", maxCalls=" + maxCalls
                + ", pseudonymKey=" + (pseudonymKey == null || pseudonymKey.isBlank() ? "(key file)" : "******")
                + ", zone=" + zone + ", journal=" + journal + "]";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
