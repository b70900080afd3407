package fr.accueil.telephony.sip;

import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.DialOutcome;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.OutboundCall;
import fr.accueil.telephony.media.MediaSession;
import fr.accueil.telephony.media.NegotiationException;
import fr.accueil.telephony.registrar.DigestChallenge;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INVITE we placed (RFC 3261 §13.2, UAC side) as an {@link OutboundCall}: CALLING (INVITE sent)
 * → PROCEEDING (a provisional arrived) → ANSWERED (2xx, ACK sent, media up) → ENDED, ENDED reachable
 * from every state. The {@link DialOutcome} is settled once, when the ringing phase ends.
 *
 * <p>Giving up before the answer (ring time-out, {@link #hangUp}, shutdown) settles the outcome and
 * releases the media port at once; a CANCEL goes out then, or when the first provisional response
 * arrives if none has yet (RFC 3261 §9.1 forbids a CANCEL before one). The leg stays known to the
 * endpoint until the INVITE's final response, so that a 2xx racing our CANCEL is ACKed and
 * immediately ended with BYE (§15) while the outcome stays NoAnswer or Cancelled.
 *
 * <p>End causes of a leg that never got up: Refused → {@link EndCause#REMOTE_BYE} (the far end ended
 * it), NoAnswer/Cancelled → {@link EndCause#LOCAL_HANGUP}, Failed → {@link EndCause#SIGNALLING_ERROR}.
 *
 * <p>Threading: {@link #awaitAnswer} blocks the dialling (virtual) thread on a future; responses and
 * in-dialog requests arrive on JAIN-SIP listener threads, time-outs on the endpoint's watchdog. State
 * changes happen under {@link #lock}, held only while a message is built and handed to the stack.
 */
final class SipOutboundCall implements OutboundCall, DialogLeg {
    private static final Logger LOG = LoggerFactory.getLogger(SipOutboundCall.class);
    private static final java.security.SecureRandom CNONCES = new java.security.SecureRandom();

    enum State { CALLING, PROCEEDING, ANSWERED, ENDED }

    private final SipEndpoint endpoint;
    private final SipMessaging sip;
    private final Dial dial;
    private final String callId;
    private final String localTag = SipMessaging.newTag();
    private final String transport;
    private final MediaSession media;
    private final Clock clock;
    private final Duration timerT1;
    private final Instant dialledAt;

    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<DialOutcome> outcome = new CompletableFuture<>();
    private final LegListeners listeners;
    private State state = State.CALLING;
    private Request invite;
    private ClientTransaction inviteTransaction;
    private Dialog dialog;
    private boolean authenticated;
    /** We gave up before any provisional response: CANCEL when one arrives (RFC 3261 §9.1). */
    private boolean cancelWanted;
    private boolean cancelSent;
    /** The INVITE transaction got its final response (or timed out): nothing more will come. */
    private boolean inviteSettled;
    private boolean onHold;
    private volatile boolean ringing;
    private volatile Instant answeredAt;
    private volatile Instant endedAt;
    private volatile EndCause endCause;

    SipOutboundCall(SipEndpoint endpoint, SipMessaging sip, Dial dial, String callId, MediaSession media, Clock clock,
                    Duration timerT1) {
        this.endpoint = endpoint;
        this.sip = sip;
        this.dial = dial;
        this.callId = callId;
        this.media = media;
        this.clock = clock;
        this.timerT1 = timerT1;
        this.transport = transportOf(dial.requestUri());
        this.dialledAt = clock.instant();
        this.listeners = new LegListeners(callId);
    }

    /** Sends the INVITE; a failure to build or send it settles the outcome as Failed at once. */
    void start() {
        lock.lock();
        try {
            invite = newInvite();
            send(invite);
            LOG.debug("call {}: INVITE sent to {}", callId, dial.requestUri());
        } catch (Exception e) {
            LOG.info("call {}: INVITE to {} could not be sent: {}", callId, dial.requestUri(), e.toString());
            inviteSettled = true;
            settleLocked(new DialOutcome.Failed("cannot send INVITE: " + e.getMessage()), EndCause.SIGNALLING_ERROR);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public Dial dial() {
        return dial;
    }

    @Override
    public MediaSession media() {
        return media;
    }

    @Override
    public boolean ringing() {
        return ringing;
    }

    @Override
    public String localTag() {
        return localTag;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public Optional<Dialog> sipDialog() {
        lock.lock();
        try {
            return Optional.ofNullable(dialog);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LegListeners listeners() {
        return listeners;
    }

    @Override
    public Optional<EndCause> endCause() {
        return Optional.ofNullable(endCause);
    }

    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void listen(LegListener listener) {
        listeners.add(listener);
    }

    @Override
    public DialOutcome awaitAnswer(Duration ringTimeout) {
        try {
            return outcome.get(Math.max(0, ringTimeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lock.lock();
            try {
                if (!outcome.isDone()) {
                    // Nothing at all from the far end during the whole ring time: it is not there.
                    DialOutcome given = state == State.PROCEEDING ? new DialOutcome.NoAnswer()
                            : new DialOutcome.Failed("no response within " + ringTimeout);
                    LOG.debug("call {}: ring time-out ({}), giving up", callId, given);
                    giveUpLocked(given, EndCause.LOCAL_HANGUP);
                }
            } finally {
                lock.unlock();
            }
            return outcome.join();
        } catch (InterruptedException e) {
            hangUp();
            Thread.currentThread().interrupt();
            return outcome.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("outcome never fails", e);
        }
    }

    @Override
    public void hangUp() {
        hangUpWith(EndCause.LOCAL_HANGUP);
    }

    /** Ends the leg from our side: CANCEL while ringing (outcome Cancelled), BYE once answered. Idempotent. */
    void hangUpWith(EndCause cause) {
        lock.lock();
        try {
            switch (state) {
                case ENDED -> {
                    return;
                }
                case CALLING, PROCEEDING -> giveUpLocked(new DialOutcome.Cancelled(), cause);
                case ANSWERED -> {
                    sendBye(dialog);
                    endLocked(cause);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void giveUpLocked(DialOutcome given, EndCause cause) {
        if (state == State.PROCEEDING) {
            sendCancel();
        } else {
            cancelWanted = true;
        }
        settleLocked(given, cause);
    }

    // ---- responses (JAIN-SIP listener threads)

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return; // BYE, CANCEL, NOTIFY responses: nothing waits on them
        }
        int status = response.getStatusCode();
        ClientTransaction transaction = event.getClientTransaction();
        lock.lock();
        try {
            if (transaction == null || transaction != inviteTransaction) {
                // A 2xx retransmission (the stack re-sends our ACK itself), or a response to the INVITE
                // an authenticated one replaced.
                return;
            }
            if (status < 200) {
                onProvisional(status);
            } else if (status < 300) {
                on2xx(response, event.getDialog() != null ? event.getDialog() : transaction.getDialog(), cseq.getSeqNumber());
            } else {
                onFailure(response, status);
            }
        } finally {
            lock.unlock();
        }
        if (status >= 200 && state() == State.ENDED && inviteSettledNow()) {
            endpoint.forget(this);
        }
    }

    private boolean inviteSettledNow() {
        lock.lock();
        try {
            return inviteSettled;
        } finally {
            lock.unlock();
        }
    }

    private void onProvisional(int status) {
        if (state == State.CALLING) {
            state = State.PROCEEDING;
        }
        if (status == Response.RINGING || status == Response.SESSION_PROGRESS) {
            ringing = true;
        }
        // Listener threads may deliver a 180 after the final response: no CANCEL for a settled INVITE.
        if (cancelWanted && !cancelSent && !inviteSettled) {
            sendCancel();
        }
    }

    private void on2xx(Response ok, Dialog established, long cseq) {
        inviteSettled = true;
        try {
            Request ack = established.createAck(cseq);
            established.sendAck(ack);
        } catch (Exception e) {
            LOG.warn("call {}: could not ACK the 2xx: {}", callId, e.toString());
        }
        if (state == State.ENDED) {
            // RFC 3261 §15 / §9.1: the far end answered although we had given up: ACK then BYE.
            LOG.debug("call {}: 2xx after we gave up, ending it with BYE", callId);
            sendBye(established);
            return;
        }
        dialog = established;
        Optional<String> answer = SipMessaging.body(ok);
        try {
            if (answer.isEmpty()) {
                throw new NegotiationException(488, "2xx without an SDP answer");
            }
            media.acceptAnswer(answer.get());
        } catch (NegotiationException e) {
            // RFC 3261 §13.2.1: an answer we cannot use ends the session with BYE after the ACK.
            LOG.info("call {}: unusable SDP answer from {} ({}), hanging up", callId, dial.requestUri(), e.getMessage());
            sendBye(established);
            settleLocked(new DialOutcome.Failed("unusable SDP answer: " + e.getMessage()), EndCause.SIGNALLING_ERROR);
            return;
        }
        state = State.ANSWERED;
        answeredAt = clock.instant();
        outcome.complete(new DialOutcome.Answered());
        LOG.debug("call {}: answered by {}", callId, dial.requestUri());
    }

    private void onFailure(Response response, int status) {
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && state != State.ENDED && !authenticated && dial.credentials().isPresent() && resendWithCredentials(response, status)) {
            return;
        }
        inviteSettled = true;
        if (state == State.ENDED) {
            return; // the 487 to our CANCEL, or a late refusal: the outcome is already settled
        }
        String reason = response.getReasonPhrase() == null ? "" : response.getReasonPhrase();
        LOG.debug("call {}: refused by {} with {} {}", callId, dial.requestUri(), status, reason);
        settleLocked(new DialOutcome.Refused(status, reason), EndCause.REMOTE_BYE);
    }

    /** RFC 3261 §22.2: the same INVITE with CSeq + 1, a new branch and our credentials, once. */
    private boolean resendWithCredentials(Response challenge, int status) {
        authenticated = true;
        String challengeHeader = status == Response.UNAUTHORIZED ? "WWW-Authenticate" : "Proxy-Authenticate";
        String answerHeader = status == Response.UNAUTHORIZED ? "Authorization" : "Proxy-Authorization";
        List<String> values = new ArrayList<>();
        ListIterator<?> it = challenge.getHeaders(challengeHeader);
        while (it != null && it.hasNext()) {
            values.add(valueOf((Header) it.next()));
        }
        Optional<DigestChallenge> best = DigestChallenge.best(values);
        if (best.isEmpty()) {
            LOG.info("call {}: {} from {} with no digest challenge we can answer", callId, status, dial.requestUri());
            return false;
        }
        Dial.Credentials credentials = dial.credentials().orElseThrow();
        try {
            Request retry = (Request) invite.clone();
            CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            retry.removeHeader(ViaHeader.NAME);
            retry.addHeader(newVia());
            String cnonce = HexFormat.of().formatHex(randomBytes());
            String value = best.get().authorization(Request.INVITE, retry.getRequestURI().toString(),
                    credentials.username(), credentials.password(), cnonce);
            retry.addHeader(sip.headers.createHeader(answerHeader, value));
            invite = retry;
            send(retry);
            LOG.debug("call {}: INVITE re-sent with {} ({})", callId, answerHeader, best.get().algorithm().token());
            return true;
        } catch (Exception e) {
            LOG.info("call {}: could not re-send the INVITE with credentials: {}", callId, e.toString());
            return false;
        }
    }

    /** Timer B (no final response) of our INVITE transaction. */
    void onInviteTimeout(ClientTransaction transaction) {
        lock.lock();
        try {
            if (transaction != inviteTransaction) {
                return;
            }
            inviteSettled = true;
            if (state != State.ENDED) {
                LOG.info("call {}: no final response from {} (transaction time-out)", callId, dial.requestUri());
                settleLocked(new DialOutcome.Failed("no response from " + dial.requestUri() + " (SIP transaction time-out)"),
                        EndCause.SIGNALLING_ERROR);
            }
        } finally {
            lock.unlock();
        }
        endpoint.forget(this);
    }

    // ---- in-dialog requests from the far end

    @Override
    public void onBye() {
        lock.lock();
        try {
            if (state == State.ANSWERED) {
                endLocked(EndCause.REMOTE_BYE);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void holdOffered(boolean hold) {
        boolean changed;
        lock.lock();
        try {
            changed = hold != onHold && state == State.ANSWERED;
            onHold = hold;
        } finally {
            lock.unlock();
        }
        if (changed) {
            LOG.debug("call {}: {}", callId, hold ? "put on hold" : "taken off hold");
            listeners.tellHold(hold);
        }
    }

    /** Called by the watchdog: RTP inactivity and maximum duration once answered; forgetting a settled leg. */
    void checkTimers(Instant now, SipSettings settings) {
        State current = state();
        if (current == State.ENDED) {
            Instant ended = endedAt;
            // A leg given up whose INVITE never got a final response: forget it after Timer B.
            if (ended != null && !now.isBefore(ended.plus(timerT1.multipliedBy(64)))) {
                endpoint.forget(this);
            }
            return;
        }
        if (current != State.ANSWERED) {
            return;
        }
        Instant answered = answeredAt;
        Instant lastRtp = media.lastPacketReceivedAt();
        Instant since = lastRtp.isAfter(answered) ? lastRtp : answered;
        if (!now.isBefore(since.plus(settings.rtpInactivityTimeout()))) {
            LOG.info("call {}: no RTP for {}, hanging up", callId, settings.rtpInactivityTimeout());
            hangUpWith(EndCause.MEDIA_TIMEOUT);
            return;
        }
        if (!now.isBefore(dialledAt.plus(settings.maxCallDuration()))) {
            LOG.info("call {}: longer than the maximum {}, hanging up", callId, settings.maxCallDuration());
            hangUpWith(EndCause.LOCAL_HANGUP);
        }
    }

    /** True while the leg counts as a call (not ended). */
    boolean live() {
        return endCause == null;
    }

    // ---- ending

    /** Ends the leg and settles the outcome, in that order: a woken waiter finds the end cause set. */
    private void settleLocked(DialOutcome given, EndCause cause) {
        endLocked(cause, given);
        outcome.complete(given);
    }

    private void endLocked(EndCause cause) {
        endLocked(cause, new DialOutcome.Failed("ended before an answer: " + cause));
    }

    private void endLocked(EndCause cause, DialOutcome ifUnsettled) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        endCause = cause;
        endedAt = clock.instant();
        try {
            media.close();
        } catch (RuntimeException e) {
            LOG.warn("call {}: media session failed to close", callId, e);
        }
        outcome.complete(ifUnsettled);
        endpoint.outboundEnded(this, inviteSettled);
        listeners.tellEnded(cause);
        LOG.debug("call {}: outbound leg ended {}", callId, cause);
    }

    // ---- messages

    private Request newInvite() throws ParseException, javax.sip.InvalidArgumentException {
        URI target = sip.addresses.createURI(dial.requestUri());
        if (!(target instanceof SipURI sipTarget)) {
            throw new ParseException("not a sip: URI: " + dial.requestUri(), 0);
        }
        SipURI fromUri = sip.addresses.createSipURI(dial.fromUser(), sip.advertisedHost());
        Address fromAddress = sip.addresses.createAddress(fromUri);
        if (!dial.fromDisplay().isEmpty()) {
            fromAddress.setDisplayName(dial.fromDisplay());
        }
        FromHeader from = sip.headers.createFromHeader(fromAddress, localTag);
        SipURI toUri = sip.addresses.createSipURI(sipTarget.getUser(), sipTarget.getHost());
        if (sipTarget.getPort() > 0) {
            toUri.setPort(sipTarget.getPort());
        }
        ToHeader to = sip.headers.createToHeader(sip.addresses.createAddress(toUri), null);
        CallIdHeader callIdHeader = sip.headers.createCallIdHeader(callId);
        CSeqHeader cseq = sip.headers.createCSeqHeader(1L, Request.INVITE);
        MaxForwardsHeader maxForwards = sip.headers.createMaxForwardsHeader(70);
        Request request = sip.messages.createRequest(target, Request.INVITE, callIdHeader, cseq, from, to,
                new ArrayList<>(List.of(newVia())), maxForwards);
        request.addHeader(sip.contact(transport));
        for (String method : SipMessaging.ALLOWED) {
            request.addHeader(sip.headers.createAllowHeader(method));
        }
        for (Map.Entry<String, String> extra : dial.headers().entrySet()) {
            request.addHeader(sip.headers.createHeader(extra.getKey(), extra.getValue()));
        }
        request.setContent(media.offer(), sip.headers.createContentTypeHeader("application", "sdp"));
        return request;
    }

    private ViaHeader newVia() throws ParseException, javax.sip.InvalidArgumentException {
        return sip.headers.createViaHeader(sip.advertisedHost(), sip.port(), transport, null);
    }

    private void send(Request request) throws javax.sip.SipException {
        ClientTransaction transaction = sip.provider.getNewClientTransaction(request);
        transaction.setRetransmitTimer((int) timerT1.toMillis());
        inviteTransaction = transaction;
        transaction.sendRequest();
    }

    private void sendCancel() {
        cancelSent = true;
        try {
            Request cancel = inviteTransaction.createCancel();
            ClientTransaction transaction = sip.provider.getNewClientTransaction(cancel);
            transaction.sendRequest();
            LOG.debug("call {}: CANCEL sent", callId);
        } catch (Exception e) {
            LOG.warn("call {}: could not send CANCEL: {}", callId, e.toString());
        }
    }

    private void sendBye(Dialog d) {
        if (d == null) {
            return;
        }
        try {
            Request bye = d.createRequest(Request.BYE);
            ClientTransaction transaction = sip.provider.getNewClientTransaction(bye);
            d.sendRequest(transaction);
        } catch (Exception e) {
            LOG.warn("call {}: could not send BYE: {}", callId, e.toString());
        }
    }

    private static String transportOf(String requestUri) {
        String lower = requestUri.toLowerCase(Locale.ROOT);
        return lower.contains(";transport=tcp") ? "tcp" : "udp";
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        CNONCES.nextBytes(b);
        return b;
    }

    private static String valueOf(Header header) {
        if (header instanceof gov.nist.javax.sip.header.SIPHeader nist) {
            return nist.getHeaderValue();
        }
        String text = header.toString();
        return text.substring(text.indexOf(':') + 1).strip();
    }

    @Override
    public String toString() {
        return "SipOutboundCall[" + callId + " to " + dial.requestUri() + " " + state() + "]";
    }
}
