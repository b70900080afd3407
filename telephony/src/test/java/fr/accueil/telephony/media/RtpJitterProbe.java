package fr.accueil.telephony.media;

import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A manual probe, not a test: N sessions play a long prompt to two loopback receiver threads, which
 * measure each stream's send-interval deviation from 20 ms. Prints p50/p99/p99.9, CPU and the bytes
 * the RTP threads allocated. Run after {@code ./mvnw -pl telephony -am test-compile}:
 * <pre>java -cp telephony/target/classes:telephony/target/test-classes:core/target/classes \
 *   fr.accueil.telephony.media.RtpJitterProbe 1000 10</pre>
 * The receivers share the process (and its GC) with the engine; the bench module should measure
 * from a separate process.
 */
public final class RtpJitterProbe {
    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int base = 40_000;
        MediaSettings settings = new MediaSettings(InetAddress.getLoopbackAddress(), "127.0.0.1", base, base + 2 * sessions + 9, 2);
        DatagramSocket[] receivers = {new DatagramSocket(0, InetAddress.getLoopbackAddress()),
                new DatagramSocket(0, InetAddress.getLoopbackAddress())};
        long[][] histogram = new long[receivers.length][2001];  // |interval - 20 ms| in 0.1 ms buckets
        AtomicBoolean running = new AtomicBoolean(true);
        long measureFrom = System.nanoTime() + 3_000_000_000L;  // skip start-up and JIT warm-up
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < receivers.length; r++) {
            DatagramSocket socket = receivers[r];
            long[] h = histogram[r];
            socket.setReceiveBufferSize(8 << 20);
            socket.setSoTimeout(500);
            threads.add(Thread.ofPlatform().name("probe-receiver-" + r).start(() -> {
                byte[] buffer = new byte[2048];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                Map<Integer, long[]> previous = new HashMap<>();
                while (running.get()) {
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        continue;
                    } catch (Exception e) {
                        return;
                    }
                    long now = System.nanoTime();
                    long[] last = previous.computeIfAbsent(ByteBuffer.wrap(buffer).getInt(8), k -> new long[]{0});
                    if (last[0] != 0 && now > measureFrom) {
                        h[(int) Math.min(Math.abs(now - last[0] - 20_000_000L) / 100_000, 2000)]++;
                    }
                    last[0] = now;
                }
            }));
        }
        short[] samples = new short[8000 * (seconds + 10)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(i * 0.3));
        }
        AudioClip clip = AudioClip.ofPcm16("probe", samples);
        var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var osBean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (MediaEngine engine = new MediaEngine(settings)) {
            List<RtpMediaSession> open = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                RtpMediaSession session = engine.open("probe-" + i);
                session.answer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
                        + receivers[i % receivers.length].getLocalPort() + " RTP/AVP 8\r\n");
                open.add(session);
                Thread.ofVirtual().start(() -> {
                    try {
                        session.play(List.of(clip), false);
                    } catch (MediaClosedException e) {
                        // closed at the end of the probe
                    }
                });
            }
            Thread.sleep(3_000);
            Map<Thread, Long> allocated = new HashMap<>();
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("rtp-"))
                    .forEach(t -> allocated.put(t, threadBean.getThreadAllocatedBytes(t.threadId())));
            long cpu = osBean.getProcessCpuTime();
            Thread.sleep(seconds * 1000L);
            System.out.printf("process CPU %.1f%% of one core%n", (osBean.getProcessCpuTime() - cpu) / 1e7 / seconds);
            allocated.forEach((t, before) -> System.out.println(t.getName() + " allocated "
                    + (threadBean.getThreadAllocatedBytes(t.threadId()) - before) + " bytes in " + seconds + " s"));
            System.out.println(engine.counters());
            open.forEach(RtpMediaSession::close);
        }
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        long[] h = new long[2001];
        long total = 0;
        for (long[] r : histogram) {
            for (int i = 0; i < h.length; i++) {
                h[i] += r[i];
                total += r[i];
            }
        }
        System.out.printf("%d intervals, |deviation from 20 ms|: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n",
                total, percentile(h, total, 0.5), percentile(h, total, 0.99), percentile(h, total, 0.999));
        for (DatagramSocket s : receivers) {
            s.close();
        }
    }

    private static double percentile(long[] histogram, long total, double q) {
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= total * q) {
                return i / 10.0;
            }
        }
        return histogram.length / 10.0;
    }
}
