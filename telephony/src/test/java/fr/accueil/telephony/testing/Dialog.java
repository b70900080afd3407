package fr.accueil.telephony.testing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One call placed by a {@link TestPhone}: the INVITE transaction, then the dialog (RFC 3261 §12) with
 * its RTP endpoint. Methods that send a request wait for its final response and return it; nothing
 * here asserts, so tests can check unhappy answers too.
 *
 * <p>Thread-safe: the phone's receiver thread delivers messages while a test thread drives the call.
 */
public final class Dialog {

    public enum State { CALLING, EARLY, CONFIRMED, FAILED, TERMINATED }

    private final TestPhone phone;
    private final String callId;
    private final String user;
    private final CallOptions options;
    private final RtpEndpoint rtp;
    private final String localTag = TestPhone.newTag();
    private final String fromHeader;
    private final String requestUri;
    private final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<SipMessage> answered = new CompletableFuture<>();
    private final CompletableFuture<SipMessage> remoteBye = new CompletableFuture<>();
    private final CompletableFuture<SipMessage> firstProvisional = new CompletableFuture<>();
    private final List<SipMessage> provisionals = new CopyOnWriteArrayList<>();
    private final List<SipMessage> receivedRequests = new CopyOnWriteArrayList<>();
    private final List<String> referTargets = new CopyOnWriteArrayList<>();
    private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
    private State state = State.CALLING;
    private volatile SipMessage invite;
    private int localCseq = 1;
    private String toHeader;
    private String remoteTarget;
    private List<String> routeSet = List.of();
    private byte[] ackBytes;
    private Sdp remoteSdp;
    private long sdpVersion = 1;
    private String direction;

    Dialog(TestPhone phone, String callId, String user, CallOptions options, RtpEndpoint rtp) {
        this.phone = phone;
        this.callId = callId;
        this.user = user;
        this.options = options;
        this.rtp = rtp;
        this.direction = options.direction();
        this.fromHeader = "<sip:" + options.callerUser() + "@" + phone.localHost() + ">;tag=" + localTag;
        this.requestUri = "sip:" + user + "@" + phone.serverHostPort();
    }

    public String callId() {
        return callId;
    }

    public String user() {
        return user;
    }

    public RtpEndpoint rtp() {
        return rtp;
    }

    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    public boolean isTerminated() {
        State s = state();
        return s == State.FAILED || s == State.TERMINATED;
    }

    public List<SipMessage> provisionals() {
        return List.copyOf(provisionals);
    }

    /** Requests the server sent into this dialog, in arrival order (each already answered). */
    public List<SipMessage> receivedRequests() {
        return List.copyOf(receivedRequests);
    }

    /** Refer-To targets of REFER requests received (answered 202 and notified 200). */
    public List<String> referTargets() {
        return List.copyOf(referTargets);
    }

    public Sdp remoteSdp() {
        lock.lock();
        try {
            return remoteSdp;
        } finally {
            lock.unlock();
        }
    }

    /** Messages sent and received, one line each, for failure messages. */
    public List<String> transcript() {
        synchronized (transcript) {
            return List.copyOf(transcript);
        }
    }

    void transcript(String line) {
        transcript.add(Instant.now() + " " + line);
    }

    // ---- INVITE

    void sendInvite() {
        String sdp = Sdp.offer(phone.localHost(), rtp.localPort(), sdpSessionId, sdpVersion, options.codecs(), direction);
        SipMessage.Builder b = SipMessage.request("INVITE", requestUri)
                .header("Via", phone.newVia())
                .header("Max-Forwards", "70")
                .header("From", fromHeader)
                .header("To", "<" + requestUri + ">")
                .header("Call-ID", callId)
                .header("CSeq", "1 INVITE")
                .header("Contact", phone.contact())
                .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER")
                .header("User-Agent", "accueil-testphone");
        for (String h : options.extraHeaders()) {
            int colon = h.indexOf(':');
            b.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
        }
        invite = b.body("application/sdp", sdp).build();
        sendCurrentInvite();
    }

    private void sendCurrentInvite() {
        phone.send(invite, this::onProvisional).whenComplete((response, error) -> {
            if (error != null) {
                answered.completeExceptionally(error);
            } else if (!retriedWithCredentials(response)) {
                onInviteFinal(response);
            }
        });
    }

    /** §22.2: one new INVITE (CSeq + 1, new branch) carrying the digest answer to a 401/407. */
    private boolean retriedWithCredentials(SipMessage response) {
        int status = response.status();
        if ((status != 401 && status != 407) || options.credentials() == null || invite.cseqNumber() > 1) {
            return false;
        }
        String challengeName = status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
        List<String> challenges = response.headers().stream().filter(h -> h.name().equalsIgnoreCase(challengeName))
                .map(SipMessage.Header::value).toList();
        if (challenges.isEmpty()) {
            return false;
        }
        String challenge = challenges.stream().filter(c -> c.contains("SHA-256")).findFirst().orElse(challenges.getFirst());
        String authorization = DigestMath.authorization(challenge, "INVITE", invite.requestUri(),
                options.credentials().get(0), options.credentials().get(1));
        SipMessage.Builder b = SipMessage.request("INVITE", invite.requestUri());
        for (SipMessage.Header h : invite.headers()) {
            switch (h.name().toLowerCase(java.util.Locale.ROOT)) {
                case "via" -> b.header("Via", phone.newVia());
                case "cseq" -> b.header("CSeq", (invite.cseqNumber() + 1) + " INVITE");
                case "content-length", "content-type" -> {
                }
                default -> b.header(h.name(), h.value());
            }
        }
        b.header(status == 401 ? "Authorization" : "Proxy-Authorization", authorization);
        invite = b.body("application/sdp", invite.bodyText()).build();
        transcript("-> INVITE again with credentials after " + status);
        sendCurrentInvite();
        return true;
    }

    private void onProvisional(SipMessage response) {
        lock.lock();
        try {
            if (state == State.CALLING && response.toTag().isPresent()) {
                state = State.EARLY;
            }
        } finally {
            lock.unlock();
        }
        provisionals.add(response);
        firstProvisional.complete(response); // last: a waiting test then sees the state updated
    }

    private void onInviteFinal(SipMessage response) {
        if (response.status() / 100 != 2) {
            lock.lock();
            try {
                state = State.FAILED;
            } finally {
                lock.unlock();
            }
            rtp.close();
            answered.complete(response);
            return;
        }
        try {
            lock.lock();
            try {
                state = State.CONFIRMED;
                toHeader = response.required("To");
                remoteTarget = SipMessage.uriOf(response.required("Contact"));
                List<String> rr = new ArrayList<>(response.headerValues("Record-Route"));
                Collections.reverse(rr); // §12.1.2: the UAC's route set is Record-Route reversed
                routeSet = List.copyOf(rr);
                // §13.2.2.4: the ACK carries the INVITE's CSeq number (2 after a digest retry).
                localCseq = Math.max(localCseq, invite.cseqNumber());
                ackBytes = inDialogRequest("ACK", invite.cseqNumber()).build().toBytes();
            } finally {
                lock.unlock();
            }
            phone.sendBytes(ackBytes);
            transcript("-> ACK");
            if (response.body().length > 0) {
                applyRemoteSdp(Sdp.parse(response.bodyText()));
            } else {
                problem("2xx to INVITE without SDP answer");
            }
        } catch (RuntimeException e) {
            problem("bad 2xx: " + e);
        } finally {
            answered.complete(response);
        }
    }

    private void applyRemoteSdp(Sdp sdp) {
        lock.lock();
        try {
            remoteSdp = sdp;
        } finally {
            lock.unlock();
        }
        int pt = sdp.firstG711().orElse(8);
        rtp.start(new InetSocketAddress(sdp.address(), sdp.port()), pt, sdp.telephoneEvent().orElse(101));
        boolean weSend = direction.equals("sendrecv") || direction.equals("sendonly");
        boolean theyReceive = sdp.direction().equals("sendrecv") || sdp.direction().equals("recvonly");
        if (!(weSend && theyReceive) || sdp.port() == 0) {
            rtp.pause();
        }
    }

    void onRetransmitted2xx(SipMessage response) {
        byte[] ack;
        lock.lock();
        try {
            ack = ackBytes;
        } finally {
            lock.unlock();
        }
        if (ack != null) {
            phone.sendBytes(ack);
            transcript("-> ACK (again, for a retransmitted 2xx)");
        }
    }

    /** Waits for the INVITE's final response. */
    public SipMessage awaitFinal(Duration timeout) {
        try {
            return TestPhone.await(answered, timeout, "final response to INVITE " + callId);
        } catch (TestPhoneException e) {
            throw new TestPhoneException(e.getMessage() + "\n" + String.join("\n", transcript()), e);
        }
    }

    /** Status of the final response, waiting for it up to the call's answer timeout. */
    public int status() {
        return awaitFinal(options.answerTimeout()).status();
    }

    public SipMessage awaitProvisional(Duration timeout) {
        return TestPhone.await(firstProvisional, timeout, "provisional response to INVITE " + callId);
    }

    /**
     * Cancels the pending INVITE (§9.1): waits for a provisional response first, as a CANCEL must
     * not be sent before one. Returns the response to the CANCEL; the INVITE's own final response
     * (487 expected) is then {@link #awaitFinal}.
     */
    public SipMessage cancel() {
        awaitProvisional(Duration.ofSeconds(10));
        SipMessage.Builder b = SipMessage.request("CANCEL", invite.requestUri())
                .header("Via", invite.headerValues("Via").getFirst())
                .header("Max-Forwards", "70")
                .header("From", invite.required("From"))
                .header("To", invite.required("To"))
                .header("Call-ID", callId)
                .header("CSeq", invite.cseqNumber() + " CANCEL");
        return TestPhone.await(phone.send(b.build(), null), Duration.ofSeconds(40), "CANCEL " + callId);
    }

    // ---- in-dialog requests

    private SipMessage.Builder inDialogRequest(String method, int cseq) {
        SipMessage.Builder b = SipMessage.request(method, remoteTarget)
                .header("Via", phone.newVia())
                .header("Max-Forwards", "70");
        for (String route : routeSet) {
            b.header("Route", route);
        }
        return b.header("From", fromHeader)
                .header("To", toHeader)
                .header("Call-ID", callId)
                .header("CSeq", cseq + " " + method);
    }

    private SipMessage sendInDialog(String method, java.util.function.UnaryOperator<SipMessage.Builder> body) {
        SipMessage request;
        lock.lock();
        try {
            if (state != State.CONFIRMED) {
                throw new TestPhoneException("cannot send " + method + ": dialog " + callId + " is " + state
                        + "\n" + String.join("\n", transcript()));
            }
            request = body.apply(inDialogRequest(method, ++localCseq)).build();
        } finally {
            lock.unlock();
        }
        return TestPhone.await(phone.send(request, null), Duration.ofSeconds(40), method + " " + callId);
    }

    /** Sends an RFC 4733 digit on the RTP stream and waits until its last packet left (about 160 ms). */
    public void sendDtmf(char digit) {
        if (state() != State.CONFIRMED) {
            throw new TestPhoneException("cannot send DTMF: dialog " + callId + " is " + state());
        }
        TestPhone.await(rtp.queueDigit(digit), Duration.ofSeconds(5), "DTMF " + digit + " on " + callId);
    }

    public void sendDtmf(String digits) {
        for (char c : digits.toCharArray()) {
            sendDtmf(c);
        }
    }

    /** Sends a digit as SIP INFO application/dtmf-relay (the de-facto Cisco format) and returns the response. */
    public SipMessage sendDtmfInfo(char digit) {
        String body = "Signal=" + digit + "\r\nDuration=160\r\n";
        return sendInDialog("INFO", b -> b.body("application/dtmf-relay", body));
    }

    /** Sends BYE, stops RTP and returns the final response. */
    public SipMessage bye() {
        SipMessage response = sendInDialog("BYE", b -> b);
        lock.lock();
        try {
            state = State.TERMINATED;
        } finally {
            lock.unlock();
        }
        rtp.close();
        return response;
    }

    /**
     * Sends a re-INVITE with the same codecs and the given direction ({@code sendonly} or
     * {@code inactive} to hold, {@code sendrecv} to resume), ACKs a 2xx and returns the final response.
     */
    public SipMessage reInvite(String newDirection) {
        String sdp;
        lock.lock();
        try {
            sdp = Sdp.offer(phone.localHost(), rtp.localPort(), sdpSessionId, ++sdpVersion, options.codecs(), newDirection);
        } finally {
            lock.unlock();
        }
        int[] cseq = new int[1];
        SipMessage response = sendInDialog("INVITE", b -> {
            cseq[0] = localCseq;
            return b.header("Contact", phone.contact()).body("application/sdp", sdp);
        });
        if (response.status() / 100 == 2) {
            byte[] ack;
            lock.lock();
            try {
                direction = newDirection;
                ackBytes = inDialogRequest("ACK", cseq[0]).build().toBytes();
                ack = ackBytes;
            } finally {
                lock.unlock();
            }
            phone.sendBytes(ack);
            transcript("-> ACK");
            if (response.body().length > 0) {
                applyRemoteSdp(Sdp.parse(response.bodyText()));
                boolean weSend = newDirection.equals("sendrecv") || newDirection.equals("sendonly");
                Sdp answer = remoteSdp();
                if (weSend && !answer.direction().equals("sendonly") && !answer.direction().equals("inactive")) {
                    rtp.resume();
                }
            }
        }
        return response;
    }

    /** Blind transfer from the caller's side (RFC 3515): REFER with {@code Refer-To: <referTo>}; returns the final response. */
    public SipMessage refer(String referTo) {
        return sendInDialog("REFER", b -> b.header("Refer-To", "<" + referTo + ">").header("Contact", phone.contact()));
    }

    /** Waits until the server sent {@code method} into the dialog, and returns the first one. */
    public SipMessage awaitRequest(String method, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (SipMessage m : receivedRequests) {
                if (m.method().equals(method)) {
                    return m;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new TestPhoneException("no " + method + " within " + timeout + " on " + callId + "\n" + String.join("\n", transcript()));
    }

    /** Waits for the server's BYE (already answered 200) and returns it. */
    public SipMessage awaitRemoteBye(Duration timeout) {
        try {
            return TestPhone.await(remoteBye, timeout, "BYE from the server on " + callId);
        } catch (TestPhoneException e) {
            throw new TestPhoneException(e.getMessage() + "\n" + String.join("\n", transcript()), e);
        }
    }

    // ---- requests from the server

    SipMessage onRequest(SipMessage request) {
        receivedRequests.add(request);
        String method = request.method();
        switch (method) {
            case "BYE" -> {
                lock.lock();
                try {
                    state = State.TERMINATED;
                } finally {
                    lock.unlock();
                }
                rtp.close();
                remoteBye.complete(request);
                return TestPhone.responseTo(request, 200, "OK", null).build();
            }
            case "REFER" -> {
                String target = request.header("Refer-To").orElse(null);
                if (target == null) {
                    return TestPhone.responseTo(request, 400, "Missing Refer-To", null).build();
                }
                referTargets.add(target);
                // RFC 3515 §2.4.4: accept, then report the outcome in a NOTIFY with a sipfrag body;
                // the NOTIFY leaves in afterResponse(), once the 202 is on the wire.
                return TestPhone.responseTo(request, 202, "Accepted", null).build();
            }
            case "INVITE" -> {
                String sdp;
                lock.lock();
                try {
                    if (request.body().length > 0) {
                        remoteSdp = Sdp.parse(request.bodyText());
                    }
                    sdp = Sdp.offer(phone.localHost(), rtp.localPort(), sdpSessionId, ++sdpVersion, options.codecs(), direction);
                } finally {
                    lock.unlock();
                }
                return TestPhone.responseTo(request, 200, "OK", null)
                        .header("Contact", phone.contact())
                        .body("application/sdp", sdp).build();
            }
            case "INFO", "NOTIFY", "OPTIONS", "UPDATE" -> {
                return TestPhone.responseTo(request, 200, "OK", null).build();
            }
            default -> {
                return TestPhone.responseTo(request, 501, "Not Implemented", null).build();
            }
        }
    }

    /** Called by the phone once the response to {@code request} was sent. */
    void afterResponse(SipMessage request, SipMessage response) {
        if (request.method().equals("REFER") && response.status() == 202) {
            Thread.ofVirtual().name("testphone-refer-notify").start(this::notifyReferOutcome);
        }
    }

    private void notifyReferOutcome() {
        try {
            SipMessage response = sendInDialog("NOTIFY", b -> b
                    .header("Event", "refer")
                    .header("Subscription-State", "terminated;reason=noresource")
                    .header("Contact", phone.contact())
                    .body("message/sipfrag;version=2.0", "SIP/2.0 200 OK\r\n"));
            transcript("NOTIFY for REFER answered " + response.status());
        } catch (RuntimeException e) {
            problem("NOTIFY after REFER failed: " + e.getMessage());
        }
    }

    private void problem(String text) {
        transcript("!! " + text);
    }

    @Override
    public String toString() {
        return "Dialog[" + callId + " " + state() + " to " + user + "]";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
