package fr.accueil.telephony.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An INVITE a {@link TestPhone} received (the phone as an agent's phone or a trunk): the UAS side of
 * RFC 3261 — 100 and 180 at once, then the final answer chosen by {@link Answering} (or by the test
 * through {@link #answer()} / {@link #refuse}), 2xx and non-2xx finals retransmitted until the ACK
 * (§17.2.1, Timer G), CANCEL answered 200 then 487; then the dialog: requests from the server answered
 * (BYE, re-INVITE, INFO, NOTIFY), and requests of our own (BYE, REFER, hold re-INVITE).
 *
 * <p>Thread-safe: the phone's receiver thread delivers messages, its timer thread retransmits, and
 * a test thread drives the call.
 */
public final class IncomingCall {

    public enum State { RINGING, ANSWERED, CONFIRMED, REFUSED, CANCELLED, TERMINATED }

    private final TestPhone phone;
    private final SipMessage invite;
    private final InetSocketAddress source;
    private final RtpEndpoint rtp;
    private final Answering answering;
    private final String localTag = TestPhone.newTag();
    private final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<SipMessage> ack = new CompletableFuture<>();
    private final CompletableFuture<SipMessage> cancel = new CompletableFuture<>();
    private final CompletableFuture<SipMessage> remoteBye = new CompletableFuture<>();
    private final List<SipMessage> receivedRequests = new CopyOnWriteArrayList<>();
    private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
    private State state = State.RINGING;
    private byte[] lastInviteResponse;
    private ScheduledFuture<?> retransmission;
    private ScheduledFuture<?> finalAnswer;
    private int localCseq = 100;
    private long sdpVersion = 1;
    private Sdp remoteSdp;

    IncomingCall(TestPhone phone, SipMessage invite, InetSocketAddress source, RtpEndpoint rtp, Answering answering) {
        this.phone = phone;
        this.invite = invite;
        this.source = source;
        this.rtp = rtp;
        this.answering = answering;
        if (invite.body().length > 0) {
            remoteSdp = Sdp.parse(invite.bodyText());
        }
    }

    public String callId() {
        return invite.callId();
    }

    /** The INVITE as received. */
    public SipMessage invite() {
        return invite;
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

    /** The server's offer (from the INVITE) or its latest one (from a re-INVITE). */
    public Sdp remoteSdp() {
        lock.lock();
        try {
            return remoteSdp;
        } finally {
            lock.unlock();
        }
    }

    /** Requests the server sent into this call after the INVITE (each already answered), in order. */
    public List<SipMessage> receivedRequests() {
        return List.copyOf(receivedRequests);
    }

    public List<String> transcript() {
        synchronized (transcript) {
            return List.copyOf(transcript);
        }
    }

    void transcript(String line) {
        transcript.add(Instant.now() + " " + line);
    }

    // ---- the INVITE transaction (UAS)

    void start() {
        sendInviteResponse(TestPhone.responseTo(invite, 100, "Trying", null).build(), false);
        sendInviteResponse(TestPhone.responseTo(invite, 180, "Ringing", localTag).build(), false);
        if (answering.ringFor() != null) {
            finalAnswer = phone.timers().schedule(() -> {
                if (answering.status() == 200) {
                    answer();
                } else {
                    refuse(answering.status(), "Refused By Test Phone");
                }
            }, answering.ringFor().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Answers 200 with an SDP answer (PCMA or PCMU as offered first, telephone-event) and starts RTP. */
    public void answer() {
        SipMessage ok;
        lock.lock();
        try {
            if (state != State.RINGING) {
                return;
            }
            state = State.ANSWERED;
            String body = answering.sdpOverride() != null ? answering.sdpOverride() : answerSdp("sendrecv");
            ok = TestPhone.responseTo(invite, 200, "OK", localTag)
                    .header("Contact", phone.contact())
                    .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER")
                    .body("application/sdp", body).build();
        } finally {
            lock.unlock();
        }
        if (answering.sdpOverride() == null && remoteSdp != null) {
            Sdp offer = remoteSdp;
            rtp.start(new InetSocketAddress(offer.address(), offer.port()), offer.firstG711().orElse(8),
                    offer.telephoneEvent().orElse(101));
        }
        sendInviteResponse(ok, true);
    }

    /** Refuses the INVITE with {@code status} (486, 603…), retransmitted until the ACK. */
    public void refuse(int status, String reason) {
        lock.lock();
        try {
            if (state != State.RINGING) {
                return;
            }
            state = State.REFUSED;
        } finally {
            lock.unlock();
        }
        rtp.close();
        sendInviteResponse(TestPhone.responseTo(invite, status, reason, localTag).build(), true);
    }

    private String answerSdp(String direction) {
        List<SdpCodec> codecs = new ArrayList<>();
        int g711 = remoteSdp == null ? 8 : remoteSdp.firstG711().orElse(8);
        codecs.add(g711 == 0 ? SdpCodec.PCMU : SdpCodec.PCMA);
        if (remoteSdp == null || remoteSdp.telephoneEvent().isPresent()) {
            int pt = remoteSdp == null ? 101 : remoteSdp.telephoneEvent().get();
            codecs.add(new SdpCodec(pt, "telephone-event/8000", "0-16"));
        }
        return Sdp.offer(phone.localHost(), rtp.localPort(), sdpSessionId, sdpVersion++, codecs, direction);
    }

    /** Sends a response to the INVITE; finals are retransmitted T1, 2·T1… up to T2 until the ACK (64·T1 at most). */
    private void sendInviteResponse(SipMessage response, boolean isFinal) {
        byte[] bytes = response.toBytes();
        lock.lock();
        try {
            lastInviteResponse = bytes;
        } finally {
            lock.unlock();
        }
        transcript("-> " + response.startLine());
        phone.sendResponseTo(invite, source, bytes);
        if (isFinal && !phone.reliable()) {
            scheduleRetransmission(TestPhone.T1, System.nanoTime() + TestPhone.T1.multipliedBy(64).toNanos());
        }
    }

    private void scheduleRetransmission(Duration interval, long giveUpAt) {
        lock.lock();
        try {
            retransmission = phone.timers().schedule(() -> {
                byte[] bytes;
                lock.lock();
                try {
                    if (ack.isDone() || System.nanoTime() > giveUpAt) {
                        return;
                    }
                    bytes = lastInviteResponse;
                } finally {
                    lock.unlock();
                }
                phone.sendResponseTo(invite, source, bytes);
                Duration next = interval.multipliedBy(2).compareTo(TestPhone.T2) > 0 ? TestPhone.T2 : interval.multipliedBy(2);
                scheduleRetransmission(next, giveUpAt);
            }, interval.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** A retransmitted INVITE: the last response again (§17.2.1). */
    void onInviteRetransmission() {
        byte[] bytes;
        lock.lock();
        try {
            bytes = lastInviteResponse;
        } finally {
            lock.unlock();
        }
        if (bytes != null) {
            phone.sendResponseTo(invite, source, bytes);
        }
    }

    void onAck(SipMessage request) {
        transcript("<- ACK");
        if (request.cseqNumber() != invite.cseqNumber()) {
            return; // the ACK of a 2xx to one of our re-INVITEs' peers: nothing to do
        }
        lock.lock();
        try {
            if (state == State.ANSWERED) {
                state = State.CONFIRMED;
            }
            if (retransmission != null) {
                retransmission.cancel(false);
            }
        } finally {
            lock.unlock();
        }
        ack.complete(request);
    }

    /** CANCEL: 200 to it (returned), then 487 to the INVITE if it is still ringing (§9.2). */
    SipMessage onCancel(SipMessage request) {
        transcript("<- CANCEL");
        if (answering.answerCrossingCancel()) {
            cancel.complete(request);
            phone.timers().execute(this::answer);
            return TestPhone.responseTo(request, 200, "OK", localTag).build();
        }
        boolean ringing;
        lock.lock();
        try {
            ringing = state == State.RINGING;
            if (ringing) {
                state = State.CANCELLED;
                if (finalAnswer != null) {
                    finalAnswer.cancel(false);
                }
            }
        } finally {
            lock.unlock();
        }
        cancel.complete(request);
        if (ringing) {
            rtp.close();
            phone.timers().execute(() -> sendInviteResponse(
                    TestPhone.responseTo(invite, 487, "Request Terminated", localTag).build(), true));
        }
        return TestPhone.responseTo(request, 200, "OK", localTag).build();
    }

    // ---- requests from the server inside the dialog

    SipMessage onRequest(SipMessage request) {
        receivedRequests.add(request);
        transcript("<- " + request.startLine());
        switch (request.method()) {
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
            case "INVITE" -> {
                String sdp;
                lock.lock();
                try {
                    if (request.body().length > 0) {
                        remoteSdp = Sdp.parse(request.bodyText());
                    }
                    sdp = answerSdp("sendrecv");
                } finally {
                    lock.unlock();
                }
                return TestPhone.responseTo(request, 200, "OK", null).header("Contact", phone.contact())
                        .body("application/sdp", sdp).build();
            }
            case "INFO", "NOTIFY", "OPTIONS" -> {
                return TestPhone.responseTo(request, 200, "OK", null).build();
            }
            default -> {
                return TestPhone.responseTo(request, 501, "Not Implemented", null).build();
            }
        }
    }

    // ---- waiting

    public SipMessage awaitAck(Duration timeout) {
        return await(ack, timeout, "ACK");
    }

    public SipMessage awaitCancel(Duration timeout) {
        return await(cancel, timeout, "CANCEL");
    }

    public SipMessage awaitRemoteBye(Duration timeout) {
        return await(remoteBye, timeout, "BYE from the server");
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
        throw new TestPhoneException("no " + method + " within " + timeout + " on " + callId() + "\n" + String.join("\n", transcript()));
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return TestPhone.await(future, timeout, what + " on " + callId());
        } catch (TestPhoneException e) {
            throw new TestPhoneException(e.getMessage() + "\n" + String.join("\n", transcript()), e);
        }
    }

    // ---- our requests in the dialog

    private SipMessage.Builder inDialogRequest(String method, int cseq) {
        String remoteTarget = SipMessage.uriOf(invite.required("Contact"));
        return SipMessage.request(method, remoteTarget)
                .header("Via", phone.newVia())
                .header("Max-Forwards", "70")
                .header("From", invite.required("To") + ";tag=" + localTag)
                .header("To", invite.required("From"))
                .header("Call-ID", callId())
                .header("CSeq", cseq + " " + method);
    }

    private SipMessage sendInDialog(String method, java.util.function.UnaryOperator<SipMessage.Builder> body, int[] cseqOut) {
        SipMessage request;
        lock.lock();
        try {
            if (state != State.CONFIRMED && state != State.ANSWERED) {
                throw new TestPhoneException("cannot send " + method + ": call " + callId() + " is " + state
                        + "\n" + String.join("\n", transcript()));
            }
            int cseq = ++localCseq;
            if (cseqOut != null) {
                cseqOut[0] = cseq;
            }
            request = body.apply(inDialogRequest(method, cseq)).build();
        } finally {
            lock.unlock();
        }
        transcript("-> " + request.startLine());
        SipMessage response = TestPhone.await(phone.send(request, null), Duration.ofSeconds(40), method + " " + callId());
        transcript("<- " + response.startLine() + " (" + method + ")");
        return response;
    }

    /** Sends a digit as SIP INFO application/dtmf-relay; returns the final response. */
    public SipMessage sendDtmfInfo(char digit) {
        return sendInDialog("INFO", b -> b.body("application/dtmf-relay", "Signal=" + digit + "\r\nDuration=160\r\n"), null);
    }

    /** Hangs up: BYE, RTP stopped; returns the final response. */
    public SipMessage bye() {
        SipMessage response = sendInDialog("BYE", b -> b, null);
        lock.lock();
        try {
            state = State.TERMINATED;
        } finally {
            lock.unlock();
        }
        rtp.close();
        return response;
    }

    /** Blind transfer (RFC 3515): REFER with {@code Refer-To: <referTo>}; returns the final response (202 or a refusal). */
    public SipMessage refer(String referTo) {
        return sendInDialog("REFER", b -> b.header("Refer-To", "<" + referTo + ">")
                .header("Referred-By", "<sip:agent@" + phone.localHost() + ">")
                .header("Contact", phone.contact()), null);
    }

    /** A re-INVITE with our SDP in {@code direction} (sendonly/inactive = hold, sendrecv = resume); ACKs a 2xx. */
    public SipMessage reInvite(String direction) {
        int[] cseq = new int[1];
        String sdp;
        lock.lock();
        try {
            sdp = answerSdp(direction);
        } finally {
            lock.unlock();
        }
        SipMessage response = sendInDialog("INVITE", b -> b.header("Contact", phone.contact()).body("application/sdp", sdp), cseq);
        if (response.status() / 100 == 2) {
            byte[] ackBytes;
            lock.lock();
            try {
                ackBytes = inDialogRequest("ACK", cseq[0]).build().toBytes();
            } finally {
                lock.unlock();
            }
            phone.sendBytes(ackBytes);
            transcript("-> ACK (re-INVITE)");
        }
        return response;
    }

    @Override
    public String toString() {
        return "IncomingCall[" + callId() + " " + state() + "]";
    }
}
