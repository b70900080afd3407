package fr.accueil.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Proves that a peer which cannot assert on media itself (SIPp, baresip) really received RTP:
 * {@code dumpcap} captures UDP toward one port on the loopback interface while the peer runs, then
 * {@code tshark} decodes the capture as RTP ({@code -d udp.port==PORT,rtp}) and the G.711 payloads are
 * decoded here, so a test can assert "N audio packets, not silence" and read RFC 4733 events.
 *
 * <p>Needs capture rights on {@code lo} (root, or dumpcap with cap_net_raw as Debian's
 * wireshark-group setup gives). Not thread-safe: one owner starts and stops it.
 */
public final class RtpCapture implements AutoCloseable {

    private final int port;
    private final Path file;
    private final ToolProcess dumpcap;

    private RtpCapture(int port, Path file, ToolProcess dumpcap) {
        this.port = port;
        this.file = file;
        this.dumpcap = dumpcap;
    }

    /** Starts capturing UDP packets sent to {@code port} on loopback; returns once dumpcap listens. */
    public static RtpCapture start(int port, Path dir) {
        Path file = dir.resolve("rtp-" + port + ".pcapng");
        ToolProcess p = ToolProcess.start(List.of("dumpcap", "-i", "lo", "-f", "udp dst port " + port, "-w", file.toString()),
                dir, dir.resolve("dumpcap-" + port + ".log"));
        if (!p.awaitLog("Capturing on", Duration.ofSeconds(10))) {
            String tail = p.logTail(10);
            p.close();
            throw new IllegalStateException("dumpcap did not start capturing on lo: " + tail);
        }
        return new RtpCapture(port, file, p);
    }

    /** What was captured toward the port. */
    public record Result(int port, long packets, Map<Integer, Long> packetsByPayloadType, WavAnalysis.Pcm audio,
                         List<RtpStats.RtpEvent> events) {

        public long audioPackets() {
            return packetsByPayloadType.getOrDefault(8, 0L) + packetsByPayloadType.getOrDefault(0, 0L);
        }

        public boolean audioIsSilent() {
            return audio.isSilent();
        }

        /** Event digits de-duplicated on RTP timestamp, as a receiver must (RFC 4733 §2.5.1.3). */
        public String digits() {
            return new RtpStats(packets, packetsByPayloadType, 0, 0, new long[0], 0, java.util.Optional.empty(), events).digits();
        }
    }

    /**
     * Stops the capture and decodes it. dumpcap reads the kernel's capture ring by blocks and does not
     * drain a partly filled block on SIGTERM, so the last packets would be lost (checked: the last
     * ~0.5 s went missing). A sentinel datagram is sent to the port first and dumpcap is stopped only
     * once the sentinel is in the file, i.e. everything sent before it was written.
     */
    public Result stop() {
        awaitSentinel(Duration.ofSeconds(5));
        dumpcap.stop(Duration.ofSeconds(5));
        if (!Files.exists(file)) {
            throw new IllegalStateException("dumpcap wrote no file: " + dumpcap.logTail(10));
        }
        Path out = file.resolveSibling("rtp-" + port + ".txt");
        ToolProcess tshark = ToolProcess.start(List.of("tshark", "-r", file.toString(), "-d", "udp.port==" + port + ",rtp",
                        "-Y", "rtp.version == 2", "-T", "fields", "-E", "separator=;", "-e", "rtp.p_type", "-e", "rtp.seq",
                        "-e", "rtp.timestamp", "-e", "rtp.marker", "-e", "rtp.payload"),
                file.getParent(), out);
        try {
            if (tshark.awaitExit(Duration.ofSeconds(60)).isEmpty()) {
                throw new IllegalStateException("tshark did not finish decoding " + file);
            }
        } finally {
            tshark.close();
        }
        return parse(out);
    }

    private void awaitSentinel(Duration timeout) {
        byte[] token = new byte[16]; // version 0 in the first byte: never decoded as RTP below
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(token);
        token[0] = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            while (System.nanoTime() < deadline) {
                s.send(new java.net.DatagramPacket(token, token.length, java.net.InetAddress.getLoopbackAddress(), port));
                Thread.sleep(100);
                if (Files.exists(file) && indexOf(Files.readAllBytes(file), token) >= 0) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private Result parse(Path fields) {
        List<String> lines;
        try {
            lines = Files.readAllLines(fields, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, Long> byPt = new HashMap<>();
        List<RtpStats.RtpEvent> events = new ArrayList<>();
        WavAnalysis.SampleBuffer audio = new WavAnalysis.SampleBuffer(8000 * 600);
        long packets = 0;
        for (String line : lines) {
            String[] f = line.split(";", -1);
            if (f.length < 5 || f[0].isEmpty() || !Character.isDigit(f[0].charAt(0))) {
                continue; // tshark's "Running as root" warning and the like
            }
            int pt = Integer.parseInt(f[0]);
            packets++;
            byPt.merge(pt, 1L, Long::sum);
            byte[] payload = HexFormat.of().parseHex(f[4].replace(":", ""));
            if (pt == 0 || pt == 8) {
                audio.append(G711.decode(pt, payload, 0, payload.length));
            } else if (payload.length >= 4) {
                events.add(new RtpStats.RtpEvent(payload[0] & 0xFF, (payload[1] & 0x80) != 0, payload[1] & 0x3F,
                        ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF), f[3].equals("1") || f[3].equalsIgnoreCase("true"),
                        Integer.parseInt(f[1]), Long.parseLong(f[2])));
            }
        }
        return new Result(port, packets, Map.copyOf(byPt), new WavAnalysis.Pcm(8000, audio.toArray()), List.copyOf(events));
    }

    @Override
    public void close() {
        dumpcap.close();
    }
}
