package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Floods, oversized messages and half-open TCP connections: the endpoint stays up for other calls. */
class SipAbuseTest {
    private static final int MAX_MESSAGE = 16 * 1024;
    private final FakeMediaFactory media = new FakeMediaFactory();
    private final ScriptedHandler handler = new ScriptedHandler();
    private SipEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        handler.script = SipHealthCheck.answerHealthyRejectOthers();
        SipSettings settings = SipSettings.defaults("127.0.0.1", 0)
                .withLimits(MAX_MESSAGE, Duration.ofSeconds(1), Duration.ofSeconds(10));
        endpoint = new SipEndpoint(settings, media, handler, Clock.systemUTC());
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.close();
        assertThat(media.sessions.values()).allSatisfy(s -> assertThat(s.closes.get()).isEqualTo(1));
    }

    @Test
    void survivesAFloodOfGarbageDatagrams() throws Exception {
        Random random = new Random(4475);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < 5000; i++) {
                byte[] bytes = switch (i % 3) {
                    case 0 -> randomBytes(random, 1 + random.nextInt(1400));
                    // plausible start lines followed by noise reach the parser deeper
                    case 1 -> concat(("INVITE sip:" + i + "@127.0.0.1 SIP/2.0\r\nVia: ").getBytes(StandardCharsets.US_ASCII),
                            randomBytes(random, random.nextInt(600)));
                    default -> ("SIP/2.0 200 OK\r\nCall-ID: " + i + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                };
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), endpoint.port()));
            }
        }

        SipHealthCheck.assertHealthy(endpoint);
        assertThat(endpoint.activeCalls()).isZero();
        assertThat(media.sessions).hasSize(2); // only the health check's two calls
    }

    @Test
    void dropsAnOversizedDatagramAndStaysUp() throws Exception {
        try (RawSipClient client = RawSipClient.udp(endpoint.port())) {
            UacCall call = client.newCall("3939");
            String huge = "X-Padding: " + "a".repeat(60_000) + "\r\n";
            client.send(call.request("OPTIONS", UacCall.newBranch(), 1, null, "", null, huge));

            // RFC 3261 §21.5.11: refused as too large, not served
            assertThat(client.awaitFinal(call.callId, "OPTIONS").status()).isEqualTo(513);
        }
        SipHealthCheck.assertHealthy(endpoint);
    }

    @Test
    void closesATcpConnectionThatSendsAnOversizedMessage() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:" + socket.getLocalPort()
                    + ";branch=z9hG4bK-big\r\nX-Padding: ").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            long written = 0;
            try {
                for (int i = 0; i < 64; i++) { // 512 KiB, far past the 16 KiB limit
                    out.write(chunk);
                    written += chunk.length;
                }
            } catch (IOException closedWhileWriting) {
                // the server closed the connection while we were still writing: what we want
            }
            assertThat(written).isGreaterThan(0);
            assertThat(readUntilClosed(socket.getInputStream())).isTrue();
        }
        SipHealthCheck.assertHealthy(endpoint);
    }

    @Test
    void closesHalfOpenTcpConnectionsAfterTheIdleTimeoutWhileOtherCallsGoOn() throws Exception {
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port());
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("INVITE sip:3939@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:"
                        + socket.getLocalPort() + ";branch=z9hG4bK-half" + i + "\r\nFrom: <sip:a@127.0.0.1>;tag=")
                        .getBytes(StandardCharsets.US_ASCII));
                halfOpen.add(socket);
            }
            // a call completes while the half-open connections hang
            SipHealthCheck.assertHealthy(endpoint);

            for (Socket socket : halfOpen) {
                assertThat(readUntilClosed(socket.getInputStream())).as("half-open connection closed by the server").isTrue();
            }
            SipHealthCheck.assertHealthy(endpoint);
        } finally {
            for (Socket socket : halfOpen) {
                socket.close();
            }
        }
    }

    @Test
    void closesSilentTcpConnectionsAfterTheIdleTimeout() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port());
                socket.setSoTimeout(20_000);
                silent.add(socket);
            }
            SipHealthCheck.assertHealthy(endpoint);
            for (Socket socket : silent) {
                assertThat(readUntilClosed(socket.getInputStream())).as("silent connection closed by the server").isTrue();
            }
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    /** True when the server closed the connection (EOF or reset) before the socket's read time-out. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // discard whatever the server answered before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
