package fr.accueil.telephony.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A minimal SIP user agent client over plain Java sockets, independent of JAIN-SIP: it writes
 * request text, and a reader thread parses what comes back (responses and the server's requests)
 * into a queue that the test awaits on. UDP or TCP, on 127.0.0.1 only.
 */
final class RawSipClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String OFFER = "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    private static final AtomicInteger IDS = new AtomicInteger();

    final String transport;
    private final int serverPort;
    private final DatagramSocket udp;
    private final Socket tcp;
    private final LinkedBlockingQueue<RawSipMessage> inbox = new LinkedBlockingQueue<>();
    private final List<RawSipMessage> backlog = new ArrayList<>();
    private final Thread reader;
    private volatile String lastSent;

    private RawSipClient(String transport, int serverPort) throws IOException {
        this.transport = transport;
        this.serverPort = serverPort;
        if (transport.equals("UDP")) {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            tcp = null;
            reader = Thread.ofPlatform().daemon().name("uac-udp-reader").start(this::readUdp);
        } else {
            udp = null;
            tcp = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            reader = Thread.ofPlatform().daemon().name("uac-tcp-reader").start(this::readTcp);
        }
    }

    static RawSipClient udp(int serverPort) throws IOException {
        return new RawSipClient("UDP", serverPort);
    }

    static RawSipClient tcp(int serverPort) throws IOException {
        return new RawSipClient("TCP", serverPort);
    }

    int localPort() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    int serverPort() {
        return serverPort;
    }

    void send(String text) throws IOException {
        lastSent = text;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
        } else {
            OutputStream out = tcp.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    /** The next message matching, or empty after {@code timeout}; messages not matching stay queued. */
    synchronized Optional<RawSipMessage> poll(Predicate<RawSipMessage> wanted, Duration timeout) throws InterruptedException {
        for (Iterator<RawSipMessage> it = backlog.iterator(); it.hasNext(); ) {
            RawSipMessage m = it.next();
            if (wanted.test(m)) {
                it.remove();
                return Optional.of(m);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            RawSipMessage m = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                return Optional.empty();
            }
            if (wanted.test(m)) {
                return Optional.of(m);
            }
            backlog.add(m);
        }
    }

    RawSipMessage await(Predicate<RawSipMessage> wanted, String what) throws InterruptedException {
        return poll(wanted, WAIT).orElseThrow(() -> new AssertionError("timed out waiting for " + what + "; got " + backlog));
    }

    /**
     * Like {@link #awaitFinal} but, over UDP, retransmits the last request sent as a UAC does
     * (RFC 3261 §17.1.2.2 Timer E: 500 ms doubling), so that a datagram lost to a full socket
     * buffer (e.g. during a flood) does not fail the exchange.
     */
    RawSipMessage awaitFinalRetransmitting(String callId, String method) throws IOException, InterruptedException {
        String request = lastSent;
        long deadline = System.nanoTime() + WAIT.toNanos();
        Duration interval = Duration.ofMillis(500);
        while (System.nanoTime() < deadline) {
            Optional<RawSipMessage> answer = poll(m -> m.isResponse() && m.callId().equals(callId)
                    && m.method().equals(method) && m.status() >= 200, interval);
            if (answer.isPresent()) {
                return answer.get();
            }
            if (udp != null) {
                send(request);
            }
            interval = interval.multipliedBy(2).compareTo(Duration.ofSeconds(4)) > 0 ? Duration.ofSeconds(4) : interval.multipliedBy(2);
        }
        throw new AssertionError("timed out waiting for final response to " + method + " of " + callId + "; got " + backlog);
    }

    RawSipMessage awaitResponse(String callId, String method, int status) throws InterruptedException {
        return await(m -> m.isResponse() && m.callId().equals(callId) && m.method().equals(method) && m.status() == status,
                status + " to " + method + " of " + callId);
    }

    /** The first final (≥ 200) response to {@code method}. */
    RawSipMessage awaitFinal(String callId, String method) throws InterruptedException {
        return await(m -> m.isResponse() && m.callId().equals(callId) && m.method().equals(method) && m.status() >= 200,
                "final response to " + method + " of " + callId);
    }

    RawSipMessage awaitRequest(String callId, String method) throws InterruptedException {
        return await(m -> !m.isResponse() && m.callId().equals(callId) && m.method().equals(method), method + " for " + callId);
    }

    /** Answers a request the server sent us, copying Via, From, To, Call-ID and CSeq (RFC 3261 §8.2.6). */
    void respond(RawSipMessage request, int status, String reason) throws IOException {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : request.all("via")) {
            sb.append("Via: ").append(via).append("\r\n");
        }
        sb.append("From: ").append(request.header("from").orElseThrow()).append("\r\n");
        sb.append("To: ").append(request.header("to").orElseThrow()).append("\r\n");
        sb.append("Call-ID: ").append(request.callId()).append("\r\n");
        sb.append("CSeq: ").append(request.header("cseq").orElseThrow()).append("\r\n");
        sb.append("Content-Length: 0\r\n\r\n");
        send(sb.toString());
    }

    /** A new dialog this client starts with INVITE. */
    UacCall newCall(String user) {
        return new UacCall(this, "call-" + IDS.incrementAndGet() + "-" + System.nanoTime() + "@127.0.0.1", user);
    }

    String via(String branch) {
        return "SIP/2.0/" + transport + " 127.0.0.1:" + localPort() + ";branch=" + branch + ";rport";
    }

    String contact() {
        return "<sip:uac@127.0.0.1:" + localPort() + (transport.equals("TCP") ? ";transport=tcp" : "") + ">";
    }

    private void readUdp() {
        byte[] buffer = new byte[65536];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                inbox.add(RawSipMessage.parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readTcp() {
        try {
            InputStream in = tcp.getInputStream();
            while (true) {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    if (head.size() == 0 && (b == '\r' || b == '\n')) {
                        continue; // keep-alive CRLFs between messages (RFC 5626 §3.5.1)
                    }
                    head.write(b);
                    matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                RawSipMessage headers = RawSipMessage.parse(head.toString(StandardCharsets.UTF_8));
                int length = Integer.parseInt(headers.header("content-length").orElse("0").strip());
                byte[] body = in.readNBytes(length);
                inbox.add(RawSipMessage.parse(head.toString(StandardCharsets.UTF_8) + new String(body, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            // socket closed
        }
    }

    boolean tcpClosedByPeer(Duration within) throws InterruptedException {
        reader.join(within);
        return !reader.isAlive();
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        } else {
            try {
                tcp.close();
            } catch (SocketException ignored) {
                // already closed
            }
        }
    }
}
