package fr.accueil.bench.media;

import fr.accueil.telephony.media.EngineCounters;
import fr.accueil.telephony.media.G711;
import fr.accueil.telephony.media.MediaBridge;
import fr.accueil.telephony.media.MediaEngine;
import fr.accueil.telephony.media.MediaSettings;
import fr.accueil.telephony.media.RtpMediaSession;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * RTP relay benchmark, two processes on one machine (bench/relay.sh runs both):
 *
 * <ul>
 *   <li>{@code server PAIRS TRANSCODE_EVERY PHONES_FILE SESSIONS_FILE SECONDS}: one {@link MediaEngine}; for each pair
 *       two sessions answering offers that point at the two phones of the pair, connected by a
 *       {@link MediaBridge}. Pair i uses PCMA on both sides, or PCMA on one side and PCMU on the other
 *       when {@code TRANSCODE_EVERY > 0} and {@code i % TRANSCODE_EVERY == 0}. Prints the engine's
 *       counters at the end.</li>
 *   <li>{@code phones PAIRS TRANSCODE_EVERY PHONES_FILE SESSIONS_FILE WARMUP MEASURE}: binds 2 × PAIRS UDP sockets
 *       (the "phones"), writes their ports, waits for the server's session ports, then every phone
 *       sends a 20 ms G.711 packet every 20 ms to its session (phones spread over twenty 1 ms slots,
 *       absolute schedule, like unsynchronised real phones) while one selector thread receives what
 *       the relay sends to the other phone of each pair.</li>
 * </ul>
 *
 * Each payload carries the sender's {@code System.nanoTime()} (same process, same clock as the
 * receiver) and a per-phone packet counter, written as 4-bit symbols chosen so that they survive
 * PCMA↔PCMU transcoding; the receiver decodes them with the transcoding the relay applies. Added
 * latency = arrival at phone B − send by phone A (two loopback hops plus the relay). Loss = packets
 * sent during the measurement window that never arrived (waiting 1 s after the window).
 */
public final class RelayBench {
    private static final int FRAME = 160;
    private static final int SLOTS = 20;
    private static final long PERIOD_NANOS = 20_000_000L;
    /** 1 µs buckets up to 1 s. */
    private static final int BUCKET_NANOS = 1_000;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "server" -> server(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), Path.of(args[4]),
                    Long.parseLong(args[5]));
            case "phones" -> phones(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), Path.of(args[4]),
                    Long.parseLong(args[5]), Long.parseLong(args[6]));
            default -> throw new IllegalArgumentException("server | phones");
        }
    }

    static boolean transcoded(int pair, int transcodeEvery) {
        return transcodeEvery > 0 && pair % transcodeEvery == 0;
    }

    /** Phone 2i is side A (PCMA), phone 2i+1 side B (PCMU when the pair transcodes). */
    static boolean ulaw(int phone, int transcodeEvery) {
        return phone % 2 == 1 && transcoded(phone / 2, transcodeEvery);
    }

    // ---------------------------------------------------------------- server

    private static void server(int pairs, int transcodeEvery, Path phonesFile, Path sessionsFile, long seconds) throws Exception {
        while (!Files.exists(phonesFile)) {
            Thread.sleep(50);
        }
        List<String> phonePorts = Files.readAllLines(phonesFile);
        MediaSettings settings = new MediaSettings(InetAddress.getLoopbackAddress(), "127.0.0.1", 20_000, 20_000 + 4 * pairs + 99,
                MediaSettings.defaultPacerThreads());
        try (MediaEngine engine = new MediaEngine(settings)) {
            List<RtpMediaSession> sessions = new ArrayList<>();
            List<MediaBridge> bridges = new ArrayList<>();
            StringBuilder ports = new StringBuilder();
            for (int phone = 0; phone < 2 * pairs; phone++) {
                RtpMediaSession session = engine.open("bench-" + phone);
                String pt = ulaw(phone, transcodeEvery) ? "0" : "8";
                session.answer("v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio " + phonePorts.get(phone).trim() + " RTP/AVP " + pt + " 101\r\n"
                        + "a=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n");
                sessions.add(session);
                ports.append(session.localPort()).append('\n');
                if (phone % 2 == 1) {
                    bridges.add(sessions.get(phone - 1).connect(session));
                }
            }
            Path tmp = sessionsFile.resolveSibling(sessionsFile.getFileName() + ".tmp");
            Files.writeString(tmp, ports);
            Files.move(tmp, sessionsFile, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("server: " + pairs + " bridges, " + sessions.size() + " sessions, ports " + sessions.getFirst().localPort()
                    + ".." + sessions.getLast().localPort());
            Thread.sleep(seconds * 1000);
            EngineCounters c = engine.counters();
            long relayed = bridges.stream().mapToLong(MediaBridge::relayedPackets).sum();
            long dropped = bridges.stream().mapToLong(MediaBridge::droppedPackets).sum();
            System.out.println("server: " + c);
            System.out.printf(Locale.ROOT, "server: bridges relayed=%d dropped=%d pacer_packets=%d late_ticks=%d%n", relayed, dropped,
                    c.packetsSent(), c.lateTicks());
            sessions.forEach(RtpMediaSession::close);
        }
    }

    // ---------------------------------------------------------------- phones

    /** Sixteen A-law codes whose µ-law images are distinct and come back to them: the payload's symbols. */
    static byte[] alawSymbols() {
        byte[] symbols = new byte[16];
        boolean[] usedUlaw = new boolean[256];
        int n = 0;
        for (int code = 0xC0; n < 16 && code < 0x1C0; code++) {
            byte a = (byte) code;
            byte u = G711.alawToUlaw(a);
            if (G711.ulawToAlaw(u) == a && !usedUlaw[u & 0xFF]) {
                usedUlaw[u & 0xFF] = true;
                symbols[n++] = a;
            }
        }
        if (n < 16) {
            throw new IllegalStateException("no 16 transcoding-proof symbols");
        }
        return symbols;
    }

    private static final class Phone {
        final int index;
        final DatagramChannel channel;
        final boolean ulaw;
        InetSocketAddress session;
        final int ssrc;
        short sequence;
        int timestamp;
        long counter;
        /** Byte received → symbol, for what this phone receives from its partner. */
        final byte[] decode = new byte[256];
        long lastCounterFromPartner = -1;

        Phone(int index, DatagramChannel channel, boolean ulaw) {
            this.index = index;
            this.channel = channel;
            this.ulaw = ulaw;
            this.ssrc = 0x10000 + index;
        }
    }

    private static void phones(int pairs, int transcodeEvery, Path phonesFile, Path sessionsFile, long warmupSeconds, long measureSeconds)
            throws Exception {
        byte[] alaw = alawSymbols();
        byte[] ulawSymbols = new byte[16];
        for (int i = 0; i < 16; i++) {
            ulawSymbols[i] = G711.alawToUlaw(alaw[i]);
        }
        int count = 2 * pairs;
        Phone[] phones = new Phone[count];
        Selector selector = Selector.open();
        StringBuilder ports = new StringBuilder();
        for (int i = 0; i < count; i++) {
            DatagramChannel channel = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
            phones[i] = new Phone(i, channel, ulaw(i, transcodeEvery));
            channel.register(selector, SelectionKey.OP_READ, phones[i]);
            ports.append(((InetSocketAddress) channel.getLocalAddress()).getPort()).append('\n');
        }
        for (Phone p : phones) {
            Phone partner = phones[p.index ^ 1];
            byte[] sent = partner.ulaw ? ulawSymbols : alaw;
            Arrays.fill(p.decode, (byte) -1);
            for (int k = 0; k < 16; k++) {
                // What the relay makes of the partner's symbol on its way to this phone.
                byte b = partner.ulaw == p.ulaw ? sent[k] : p.ulaw ? G711.alawToUlaw(sent[k]) : G711.ulawToAlaw(sent[k]);
                p.decode[b & 0xFF] = (byte) k;
            }
        }
        Path tmp = phonesFile.resolveSibling(phonesFile.getFileName() + ".tmp");
        Files.writeString(tmp, ports);
        Files.move(tmp, phonesFile, StandardCopyOption.ATOMIC_MOVE);
        while (!Files.exists(sessionsFile)) {
            Thread.sleep(50);
        }
        List<String> sessionPorts = Files.readAllLines(sessionsFile);
        for (int i = 0; i < count; i++) {
            phones[i].session = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(sessionPorts.get(i).trim()));
        }

        long start = System.nanoTime() + 100_000_000L;
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long measureTo = measureFrom + measureSeconds * 1_000_000_000L;
        long[] histogram = new long[1_000_001];
        long[] received = new long[1];
        long[] outOfOrder = new long[1];
        long[] undecodable = new long[1];
        long[] sentInWindow = new long[1];
        long[] sendFailures = new long[1];

        Thread receiver = Thread.ofPlatform().name("phones-receiver").priority(Thread.MAX_PRIORITY).start(() -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            long stopAt = measureTo + 1_000_000_000L;
            try {
                while (System.nanoTime() < stopAt) {
                    selector.select(key -> {
                        Phone p = (Phone) key.attachment();
                        try {
                            for (int i = 0; i < 64; i++) {
                                buffer.clear();
                                if (p.channel.receive(buffer) == null) {
                                    break;
                                }
                                long now = System.nanoTime();
                                if (buffer.position() != 12 + FRAME) {
                                    undecodable[0]++;
                                    continue;
                                }
                                long sentAt = 0;
                                long counter = 0;
                                boolean ok = true;
                                for (int k = 0; k < 16; k++) {
                                    int s = p.decode[buffer.get(12 + k) & 0xFF];
                                    ok &= s >= 0;
                                    sentAt = (sentAt << 4) | (s & 0xF);
                                }
                                for (int k = 16; k < 24; k++) {
                                    int s = p.decode[buffer.get(12 + k) & 0xFF];
                                    ok &= s >= 0;
                                    counter = (counter << 4) | (s & 0xF);
                                }
                                if (!ok) {
                                    undecodable[0]++;  // the pacer's silence (none expected while both sides talk)
                                    continue;
                                }
                                if (counter <= p.lastCounterFromPartner) {
                                    outOfOrder[0]++;
                                }
                                p.lastCounterFromPartner = counter;
                                if (sentAt >= measureFrom && sentAt < measureTo) {
                                    received[0]++;
                                    histogram[(int) Math.min((now - sentAt) / BUCKET_NANOS, histogram.length - 1)]++;
                                }
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, 100);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        Thread sender = Thread.ofPlatform().name("phones-sender").priority(Thread.MAX_PRIORITY).start(() -> {
            ByteBuffer packet = ByteBuffer.allocateDirect(12 + FRAME);
            long subPeriod = PERIOD_NANOS / SLOTS;
            for (long tick = 0; ; tick++) {
                long due = start + tick * subPeriod;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (now >= measureTo) {
                    break;
                }
                int slot = (int) (tick % SLOTS);
                for (int i = slot; i < count; i += SLOTS) {
                    Phone p = phones[i];
                    byte[] symbols = p.ulaw ? ulawSymbols : alaw;
                    byte silence = p.ulaw ? G711.ULAW_SILENCE : G711.ALAW_SILENCE;
                    long sentAt = System.nanoTime();
                    packet.clear();
                    packet.put((byte) 0x80).put((byte) ((p.counter == 0 ? 0x80 : 0) | (p.ulaw ? 0 : 8)))
                            .putShort(p.sequence).putInt(p.timestamp).putInt(p.ssrc);
                    for (int k = 15; k >= 0; k--) {
                        packet.put(symbols[(int) (sentAt >>> (4 * k)) & 0xF]);
                    }
                    for (int k = 7; k >= 0; k--) {
                        packet.put(symbols[(int) (p.counter >>> (4 * k)) & 0xF]);
                    }
                    while (packet.position() < 12 + FRAME) {
                        packet.put(silence);
                    }
                    packet.flip();
                    try {
                        if (p.channel.send(packet, p.session) == 0) {
                            sendFailures[0]++;
                        }
                    } catch (IOException e) {
                        sendFailures[0]++;
                    }
                    p.sequence++;
                    p.timestamp += FRAME;
                    p.counter++;
                    if (sentAt >= measureFrom && sentAt < measureTo) {
                        sentInWindow[0]++;
                    }
                }
            }
        });
        sender.join();
        receiver.join();
        long total = received[0];
        long lost = sentInWindow[0] - total;
        System.out.printf(Locale.ROOT,
                "relay: pairs=%d transcoded_pairs=%d sent=%d received=%d lost=%d loss=%.4f%% out_of_order=%d undecodable=%d send_failures=%d"
                        + " latency_ms p50=%.3f p99=%.3f p99.9=%.3f max=%.3f%n",
                pairs, transcodeEvery == 0 ? 0 : (pairs + transcodeEvery - 1) / transcodeEvery, sentInWindow[0], total, lost,
                sentInWindow[0] == 0 ? 0.0 : 100.0 * lost / sentInWindow[0], outOfOrder[0], undecodable[0], sendFailures[0],
                percentile(histogram, total, 0.50), percentile(histogram, total, 0.99), percentile(histogram, total, 0.999),
                percentile(histogram, total, 1.0));
        for (Phone p : phones) {
            p.channel.close();
        }
        selector.close();
    }

    private static double percentile(long[] histogram, long total, double p) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return (i + 1) * (double) BUCKET_NANOS / 1_000_000.0;
            }
        }
        return Double.NaN;
    }
}
