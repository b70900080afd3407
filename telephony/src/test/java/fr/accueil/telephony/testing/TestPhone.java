package fr.accueil.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An independent SIP user agent client over UDP, written on plain sockets so that it shares no code
 * with Accueil's SIP stack: a bug there cannot be mirrored here. It places calls with an SDP offer,
 * runs the RFC 3261 client transactions (retransmissions, ACK for 2xx and non-2xx), answers the
 * requests a server sends into a dialog (BYE, INFO, OPTIONS, NOTIFY, REFER, re-INVITE) and streams
 * RTP through {@link RtpEndpoint}s.
 *
 * <p>Threading: thread-safe. One UDP socket and one receiver thread serve every dialog (matched by
 * Call-ID), one timer thread drives retransmissions, and the RTP engine has its own two threads, so
 * hundreds of concurrent calls can be placed from one phone. Always {@link #close()} it.
 *
 * <p>It can also be called, as an agent's phone or a trunk: {@link #register} binds it to a
 * registrar with digest authentication, {@link #answerIncoming} sets how it answers INVITEs (ring,
 * answer with RTP, refuse, challenge for credentials), and {@link #awaitIncoming} hands each received
 * INVITE to the test as an {@link IncomingCall}.
 */
public final class TestPhone implements AutoCloseable {

    static final Duration T1 = Duration.ofMillis(500);
    static final Duration T2 = Duration.ofSeconds(4);

    /** The SIP transport: UDP datagrams, or one TCP connection to the server (RFC 3261 §18.3 framing). */
    public enum Transport { UDP, TCP }

    private final Transport transport;
    private final DatagramSocket socket;
    private final java.net.Socket tcp;
    private final java.util.concurrent.locks.ReentrantLock tcpWriteLock = new java.util.concurrent.locks.ReentrantLock();
    private final InetSocketAddress server;
    private final String localHost;
    private final InetAddress localInet;
    private final int localPort;
    private final Thread receiver;
    private final ScheduledExecutorService timers;
    private final RtpEngine rtp = new RtpEngine();
    private final Map<String, ClientTransaction> clientTransactions = new ConcurrentHashMap<>();
    private final Map<String, Dialog> dialogs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> sentResponses = new ConcurrentHashMap<>();
    private final List<SipMessage> outOfDialogRequests = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, IncomingCall> incoming = new ConcurrentHashMap<>();
    private final java.util.concurrent.LinkedBlockingQueue<IncomingCall> arrivals = new java.util.concurrent.LinkedBlockingQueue<>();
    /** Nonces this phone issued as a trunk, so that only its own are accepted. */
    private final java.util.Set<String> issuedNonces = ConcurrentHashMap.newKeySet();
    private volatile Answering answering;
    private volatile boolean closed;

    private TestPhone(InetSocketAddress server, Transport transport) {
        this.server = server;
        this.transport = transport;
        InetAddress local = server.getAddress().isLoopbackAddress() ? server.getAddress() : InetAddress.getLoopbackAddress();
        try {
            if (transport == Transport.UDP) {
                socket = new DatagramSocket(new InetSocketAddress(local, 0));
                socket.setReceiveBufferSize(4 << 20);
                socket.setSendBufferSize(4 << 20);
                tcp = null;
                localHost = socket.getLocalAddress().getHostAddress();
                localPort = socket.getLocalPort();
            } else {
                socket = null;
                tcp = new java.net.Socket();
                tcp.bind(new InetSocketAddress(local, 0));
                tcp.connect(server, 5000);
                tcp.setTcpNoDelay(true);
                localHost = tcp.getLocalAddress().getHostAddress();
                localPort = tcp.getLocalPort();
            }
        } catch (IOException e) {
            rtp.close();
            throw new UncheckedIOException("cannot open " + transport + " toward " + server, e);
        }
        localInet = transport == Transport.UDP ? socket.getLocalAddress() : tcp.getLocalAddress();
        timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("testphone-timers").daemon().unstarted(r));
        receiver = Thread.ofPlatform().name("testphone-sip-rx-" + localPort).daemon()
                .start(transport == Transport.UDP ? this::receiveLoop : this::receiveTcpLoop);
    }

    /** A phone on a fresh loopback UDP port that sends every request to {@code server}. */
    public static TestPhone udp(InetSocketAddress server) {
        return new TestPhone(server, Transport.UDP);
    }

    /**
     * A phone with one TCP connection to {@code server}, opened now; requests are not retransmitted
     * (reliable transport, §17.1.1.2), responses to the server's requests return on the connection.
     */
    public static TestPhone tcp(InetSocketAddress server) {
        return new TestPhone(server, Transport.TCP);
    }

    public Transport transport() {
        return transport;
    }

    public InetSocketAddress localAddress() {
        return new InetSocketAddress(localHost, localPort);
    }

    public InetSocketAddress server() {
        return server;
    }

    /** Sends an INVITE to {@code sip:user@server} and returns at once; see {@link Dialog#awaitFinal}. */
    public Dialog dial(String user, CallOptions options) {
        ensureOpen();
        RtpEndpoint endpoint = rtp.open(localInet, new RtpEndpoint.Options(options.toneHz(), options.recordSeconds()));
        Dialog dialog = new Dialog(this, newCallId(), user, options, endpoint);
        dialogs.put(dialog.callId(), dialog);
        dialog.sendInvite();
        return dialog;
    }

    /** Places a call and waits for its final response ({@link CallOptions#answerTimeout()}). */
    public Dialog call(String user, CallOptions options) {
        Dialog dialog = dial(user, options);
        dialog.awaitFinal(options.answerTimeout());
        return dialog;
    }

    public Dialog call(String user) {
        return call(user, CallOptions.defaults());
    }

    /** From now on, INVITEs received are answered as {@code how} says (before: 480). */
    public void answerIncoming(Answering how) {
        this.answering = how;
    }

    /** The next INVITE this phone received (in arrival order), waiting up to {@code timeout}. */
    public IncomingCall awaitIncoming(Duration timeout) {
        try {
            IncomingCall call = arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (call == null) {
                throw new TestPhoneException("no INVITE received within " + timeout + "; problems: " + problems);
            }
            return call;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestPhoneException("interrupted waiting for an INVITE");
        }
    }

    /** INVITEs received so far that passed authentication (each as an {@link IncomingCall}). */
    public List<IncomingCall> incomingCalls() {
        return List.copyOf(incoming.values());
    }

    /** INVITEs answered with a digest challenge or a refusal of credentials, in order (status of our answer). */
    public List<Integer> authenticationAnswers() {
        return List.copyOf(authenticationAnswers);
    }

    private final List<Integer> authenticationAnswers = new CopyOnWriteArrayList<>();

    /**
     * REGISTERs {@code user} with this phone's Contact (RFC 3261 §10.2), answering a 401 digest
     * challenge once (SHA-256 preferred, else MD5; qop=auth). Returns the final response.
     */
    public SipMessage register(String user, String password, int expires, Duration timeout) {
        ensureOpen();
        String callId = newCallId();
        String fromTag = newTag();
        String uri = "sip:" + serverHostPort();
        java.util.function.IntFunction<SipMessage.Builder> base = cseq -> SipMessage.request("REGISTER", uri)
                .header("Via", newVia())
                .header("Max-Forwards", "70")
                .header("From", "<sip:" + user + "@" + server.getAddress().getHostAddress() + ">;tag=" + fromTag)
                .header("To", "<sip:" + user + "@" + server.getAddress().getHostAddress() + ">")
                .header("Call-ID", callId)
                .header("CSeq", cseq + " REGISTER")
                .header("Contact", "<sip:" + user + "@" + localHost + ":" + localPort
                        + (transport == Transport.TCP ? ";transport=tcp>" : ">"))
                .header("Expires", Integer.toString(expires));
        SipMessage first = await(send(base.apply(1).build(), null), timeout, "REGISTER " + callId);
        if (first.status() != 401) {
            return first;
        }
        // Whole header lines: a Digest challenge is itself a comma-separated list of directives.
        List<String> challenges = first.headers().stream().filter(h -> h.name().equalsIgnoreCase("WWW-Authenticate"))
                .map(SipMessage.Header::value).toList();
        String challenge = challenges.stream().filter(c -> c.contains("SHA-256")).findFirst()
                .orElse(challenges.isEmpty() ? null : challenges.getFirst());
        if (challenge == null) {
            return first;
        }
        String authorization = DigestMath.authorization(challenge, "REGISTER", uri, user, password);
        return await(send(base.apply(2).header("Authorization", authorization).build(), null), timeout, "REGISTER " + callId);
    }

    /** Sends an out-of-dialog OPTIONS and waits for the final response. */
    public SipMessage options(Duration timeout) {
        ensureOpen();
        String callId = newCallId();
        SipMessage request = SipMessage.request("OPTIONS", "sip:" + serverHostPort())
                .header("Via", newVia())
                .header("Max-Forwards", "70")
                .header("From", "<sip:testphone@" + localHost + ">;tag=" + newTag())
                .header("To", "<sip:" + serverHostPort() + ">")
                .header("Call-ID", callId)
                .header("CSeq", "1 OPTIONS")
                .header("Contact", contact())
                .header("Accept", "application/sdp")
                .build();
        return await(send(request, null), timeout, "OPTIONS " + callId);
    }

    /** Sends raw bytes to the server, for malformed-input tests. */
    public void sendRaw(byte[] datagram) {
        sendBytes(datagram);
    }

    /** Requests received outside any dialog of this phone (already answered). */
    public List<SipMessage> outOfDialogRequests() {
        return List.copyOf(outOfDialogRequests);
    }

    /** Datagrams the phone could not parse or match, for failure messages. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Number of dialogs not yet terminated (neither failed, nor ended by BYE). */
    public long activeDialogs() {
        return dialogs.values().stream().filter(d -> !d.isTerminated()).count();
    }

    // ---- package-private plumbing for Dialog and ClientTransaction

    CompletableFuture<SipMessage> send(SipMessage request, java.util.function.Consumer<SipMessage> onProvisional) {
        ClientTransaction tx = new ClientTransaction(this, request, onProvisional);
        clientTransactions.put(tx.key(), tx);
        log(request.callId(), "-> " + request.startLine());
        tx.start();
        return tx.finalResponse();
    }

    void sendBytes(byte[] bytes) {
        if (closed) {
            return;
        }
        try {
            if (transport == Transport.TCP) {
                writeTcp(bytes);
                return;
            }
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        } catch (IOException e) {
            if (!closed) {
                problems.add("send failed: " + e);
            }
        }
    }

    void forget(ClientTransaction tx) {
        clientTransactions.remove(tx.key(), tx);
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    void log(String callId, String line) {
        Dialog d = dialogs.get(callId);
        if (d != null) {
            d.transcript(line);
        }
    }

    String localHost() {
        return localHost;
    }

    String serverHostPort() {
        return server.getAddress().getHostAddress() + ":" + server.getPort();
    }

    boolean reliable() {
        return transport == Transport.TCP;
    }

    private void writeTcp(byte[] bytes) throws IOException {
        tcpWriteLock.lock();
        try {
            tcp.getOutputStream().write(bytes);
            tcp.getOutputStream().flush();
        } finally {
            tcpWriteLock.unlock();
        }
    }

    String newVia() {
        return "SIP/2.0/" + transport + " " + localHost + ":" + localPort + ";branch=z9hG4bK" + random(8) + ";rport";
    }

    String contact() {
        return "<sip:testphone@" + localHost + ":" + localPort + (transport == Transport.TCP ? ";transport=tcp>" : ">");
    }

    static String newTag() {
        return random(6);
    }

    static String transactionKey(String branch, String method) {
        return branch + "|" + (method.equals("ACK") ? "INVITE" : method);
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TestPhoneException("no answer within " + timeout + " for " + what);
        } catch (ExecutionException e) {
            throw new TestPhoneException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestPhoneException("interrupted waiting for " + what);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String newCallId() {
        return random(10) + "@" + localHost;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TestPhone closed");
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    problems.add("receive failed: " + e);
                }
                return;
            }
            if (packet.getLength() <= 4) {
                continue; // keep-alive CRLF (RFC 5626 §4.4.1)
            }
            dispatch(buffer, packet.getLength(), (InetSocketAddress) packet.getSocketAddress());
        }
    }

    private void dispatch(byte[] data, int length, InetSocketAddress source) {
        SipMessage message;
        try {
            message = SipMessage.parse(data, length);
        } catch (RuntimeException e) {
            problems.add("unparseable message from " + source + ": " + e.getMessage());
            return;
        }
        try {
            if (message.isResponse()) {
                onResponse(message);
            } else {
                onRequest(message, source);
            }
        } catch (RuntimeException e) {
            problems.add("failed handling " + message.startLine() + ": " + e);
        }
    }

    /** §18.3: on a stream, Content-Length delimits each message; CRLF keep-alives are skipped. */
    private void receiveTcpLoop() {
        try {
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(tcp.getInputStream());
            java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
            while (!closed) {
                message.reset();
                int b;
                int matched = 0; // progress through CRLFCRLF
                while (matched < 4 && (b = in.read()) >= 0) {
                    if (message.size() == 0 && (b == '\r' || b == '\n')) {
                        continue; // keep-alive between messages
                    }
                    message.write(b);
                    matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (message.size() > 65536) {
                        throw new IOException("header section over 64 KiB");
                    }
                }
                if (matched < 4) {
                    if (!closed) {
                        problems.add("TCP connection closed by the server");
                    }
                    return;
                }
                String head = message.toString(java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("(?im)^(?:content-length|l)\\s*:\\s*(\\d+)\\s*$").matcher(head);
                if (!m.find()) {
                    problems.add("message without Content-Length on TCP (§18.3 requires it): " + head.lines().findFirst().orElse(""));
                    return;
                }
                int bodyLength = Integer.parseInt(m.group(1));
                message.write(in.readNBytes(bodyLength));
                byte[] bytes = message.toByteArray();
                dispatch(bytes, bytes.length, (InetSocketAddress) tcp.getRemoteSocketAddress());
            }
        } catch (IOException e) {
            if (!closed) {
                problems.add("TCP receive failed: " + e);
            }
        }
    }

    private void onResponse(SipMessage response) {
        log(response.callId(), "<- " + response.startLine());
        ClientTransaction tx = clientTransactions.get(transactionKey(response.topViaBranch(), response.cseqMethod()));
        if (tx != null) {
            tx.onResponse(response);
            return;
        }
        Dialog dialog = dialogs.get(response.callId());
        if (dialog != null && response.cseqMethod().equals("INVITE") && response.status() / 100 == 2) {
            dialog.onRetransmitted2xx(response); // §13.2.2.4: re-send the ACK for each 2xx
        } else {
            problems.add("unmatched response " + response.startLine() + " for " + response.required("CSeq"));
        }
    }

    private void onRequest(SipMessage request, InetSocketAddress source) {
        String method = request.method();
        log(request.callId(), "<- " + request.startLine());
        IncomingCall received = incoming.get(request.callId());
        if (method.equals("ACK")) {
            if (received != null) {
                received.onAck(request);
            }
            return; // ACK of a 2xx we sent to a re-INVITE: nothing to answer
        }
        String key = transactionKey(request.topViaBranch(), method) + "|" + request.callId();
        byte[] previous = sentResponses.get(key);
        if (previous != null) {
            sendResponseBytes(request, source, previous); // retransmission: same answer (§17.2)
            return;
        }
        if (method.equals("INVITE") && request.toTag().isEmpty() && answering != null) {
            if (received != null) {
                received.onInviteRetransmission();
            } else {
                onNewInvite(request, source, answering);
            }
            return;
        }
        Dialog dialog = dialogs.get(request.callId());
        SipMessage response;
        if (received != null && method.equals("CANCEL")) {
            response = received.onCancel(request);
        } else if (received != null && request.toTag().isPresent()) {
            response = received.onRequest(request);
        } else if (dialog != null && request.toTag().isPresent()) {
            response = dialog.onRequest(request);
        } else if (method.equals("OPTIONS")) {
            outOfDialogRequests.add(request);
            response = responseTo(request, 200, "OK", newTag())
                    .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER")
                    .header("Accept", "application/sdp").build();
        } else {
            outOfDialogRequests.add(request);
            response = request.toTag().isPresent()
                    ? responseTo(request, 481, "Call/Transaction Does Not Exist", null).build()
                    : responseTo(request, 480, "Temporarily Unavailable (test phone only calls out)", newTag()).build();
        }
        byte[] bytes = response.toBytes();
        sentResponses.put(key, bytes);
        timers.schedule(() -> sentResponses.remove(key), 32, TimeUnit.SECONDS);
        log(request.callId(), "-> " + response.startLine());
        sendResponseBytes(request, source, bytes);
        if (dialog != null && request.toTag().isPresent()) {
            dialog.afterResponse(request, response);
        }
    }

    /**
     * A new INVITE to this phone: challenged first when {@link Answering#digest()} asks for credentials
     * (a nonce of ours, then the response checked with this phone's own digest code), then handed to a
     * new {@link IncomingCall}.
     */
    private void onNewInvite(SipMessage invite, InetSocketAddress source, Answering how) {
        if (how.digest().isPresent()) {
            Answering.DigestCheck check = how.digest().get();
            String header = check.challengeStatus() == 407 ? "Proxy-Authorization" : "Authorization";
            java.util.Optional<String> credentials = invite.header(header);
            int refusal = 0;
            if (credentials.isEmpty()) {
                refusal = check.challengeStatus();
            } else {
                String nonce = DigestMath.directives(credentials.get()).getOrDefault("nonce", "");
                if (!issuedNonces.contains(nonce) || !DigestMath.verifies(credentials.get(), "INVITE", check.username(),
                        check.realm(), check.password(), nonce)) {
                    refusal = check.wrongStatus();
                }
            }
            if (refusal != 0) {
                authenticationAnswers.add(refusal);
                SipMessage.Builder b = responseTo(invite, refusal, refusal == 401 ? "Unauthorized"
                        : refusal == 407 ? "Proxy Authentication Required" : "Forbidden", newTag());
                if (refusal == 401 || refusal == 407) {
                    String nonce = random(16);
                    issuedNonces.add(nonce);
                    b.header(refusal == 401 ? "WWW-Authenticate" : "Proxy-Authenticate", "Digest realm=\"" + check.realm()
                            + "\", nonce=\"" + nonce + "\", algorithm=" + check.algorithm() + ", qop=\"auth\"");
                }
                byte[] bytes = b.build().toBytes();
                String key = transactionKey(invite.topViaBranch(), "INVITE") + "|" + invite.callId();
                sentResponses.put(key, bytes);
                timers.schedule(() -> sentResponses.remove(key), 32, TimeUnit.SECONDS);
                sendResponseBytes(invite, source, bytes);
                return;
            }
        }
        RtpEndpoint endpoint = rtp.open(localInet, new RtpEndpoint.Options(how.toneHz(), 60));
        IncomingCall call = new IncomingCall(this, invite, source, endpoint, how);
        incoming.put(invite.callId(), call);
        call.start();
        arrivals.add(call);
    }

    /** Sends a response to {@code request} where §18.2.2 says (for {@link IncomingCall}). */
    void sendResponseTo(SipMessage request, InetSocketAddress source, byte[] bytes) {
        sendResponseBytes(request, source, bytes);
    }

    /** Copies Via, From, To (adding our tag if it has none), Call-ID and CSeq (§8.2.6.2). */
    static SipMessage.Builder responseTo(SipMessage request, int status, String reason, String toTag) {
        SipMessage.Builder b = SipMessage.response(status, reason);
        for (SipMessage.Header h : request.headers()) {
            if (h.name().equalsIgnoreCase("Via")) {
                b.header("Via", h.value());
            }
        }
        String to = request.required("To");
        if (request.toTag().isEmpty() && toTag != null) {
            to = to + ";tag=" + toTag;
        }
        return b.header("From", request.required("From"))
                .header("To", to)
                .header("Call-ID", request.callId())
                .header("CSeq", request.required("CSeq"));
    }

    /**
     * §18.2.2: a response goes to the top Via's {@code received}/{@code rport} or sent-by, not
     * merely back to the packet's source, so a server writing a wrong Via is caught.
     */
    private void sendResponseBytes(SipMessage request, InetSocketAddress source, byte[] bytes) {
        if (transport == Transport.TCP) {
            sendBytes(bytes); // §18.2.2: on a connection, the response returns on it
            return;
        }
        InetSocketAddress target = source;
        try {
            String via = request.headerValues("Via").getFirst();
            String sentBy = via.substring(via.indexOf(' ') + 1).split(";")[0].strip();
            String host = sentBy.contains("]") ? sentBy.substring(0, sentBy.indexOf(']') + 1)
                    : sentBy.split(":")[0];
            int port = sentBy.lastIndexOf(':') > sentBy.lastIndexOf(']')
                    ? Integer.parseInt(sentBy.substring(sentBy.lastIndexOf(':') + 1)) : 5060;
            String received = SipMessage.param(via, "received").orElse(host);
            String rport = SipMessage.param(via, "rport").orElse("");
            if (!rport.isEmpty()) {
                port = Integer.parseInt(rport);
            }
            target = new InetSocketAddress(InetAddress.getByName(received.replace("[", "").replace("]", "")), port);
        } catch (IOException | RuntimeException e) {
            problems.add("bad Via in " + request.startLine() + ", answering the source: " + e);
        }
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, target));
        } catch (IOException e) {
            problems.add("send response failed: " + e);
        }
    }

    /** Closes every RTP endpoint and the socket; dialogs still up are abandoned without BYE. */
    @Override
    public void close() {
        closed = true;
        for (Dialog d : new ArrayList<>(dialogs.values())) {
            d.rtp().close();
        }
        for (IncomingCall c : incoming.values()) {
            c.rtp().close();
        }
        if (socket != null) {
            socket.close();
        }
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        timers.shutdownNow();
        rtp.close();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
