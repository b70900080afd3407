package fr.accueil.server.telephony;

import fr.accueil.telephony.media.MediaBridge;
import fr.accueil.telephony.media.MediaEngine;
import fr.accueil.telephony.media.MediaSettings;
import fr.accueil.telephony.media.RtpMediaSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RtpMetricsTest {

    @Test
    void bridgesAndRelayedPacketsShowAsMeters() throws Exception {
        int base = 2 * ThreadLocalRandom.current().nextInt(5_000, 16_000);
        try (MediaEngine engine = new MediaEngine(new MediaSettings(InetAddress.getLoopbackAddress(), "127.0.0.1", base, base + 19, 1));
             DatagramSocket phoneA = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket phoneB = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             RtpMediaSession a = engine.open("a");
             RtpMediaSession b = engine.open("b")) {
            a.answer(offer(phoneA.getLocalPort()));
            b.answer(offer(phoneB.getLocalPort()));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new RtpMetrics(engine).bindTo(registry);
            assertThat(registry.get("accueil.rtp.bridges.active").gauge().value()).isZero();

            MediaBridge bridge = a.connect(b);
            byte[] rtp = new byte[12 + 160];
            rtp[0] = (byte) 0x80;
            rtp[1] = 8;
            rtp[13] = 42;  // with a payload byte pattern of its own; the relay does not care
            phoneA.send(new DatagramPacket(rtp, rtp.length, InetAddress.getLoopbackAddress(), a.localPort()));
            rtp[1] = 13;  // comfort noise: dropped
            phoneA.send(new DatagramPacket(rtp, rtp.length, InetAddress.getLoopbackAddress(), a.localPort()));
            long deadline = System.currentTimeMillis() + 5_000;
            while (bridge.relayedPackets() + bridge.droppedPackets() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertThat(registry.get("accueil.rtp.bridges.active").gauge().value()).isEqualTo(1);
            assertThat(registry.get("accueil.rtp.sessions.active").gauge().value()).isEqualTo(2);
            assertThat(registry.get("accueil.rtp.packets.relayed").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("accueil.rtp.relay.dropped").functionCounter().count()).isEqualTo(1);
            bridge.close();
            assertThat(registry.get("accueil.rtp.bridges.active").gauge().value()).isZero();
        }
    }

    private static String offer(int port) {
        return "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 8\r\na=ptime:20\r\n";
    }
}
