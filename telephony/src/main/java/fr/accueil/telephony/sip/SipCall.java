package fr.accueil.telephony.sip;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.Rejection;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.MediaClosedException;
import fr.accueil.telephony.media.MediaSession;
import fr.accueil.telephony.media.NegotiationException;
import fr.accueil.telephony.media.PlaybackResult;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound INVITE dialog as a {@link Call}: a state machine RINGING → ANSWERED → CONFIRMED
 * (ACK received) → ENDED, with ENDED reachable from every state.
 *
 * <p>Threading: the script's virtual thread calls the {@link Call} methods; JAIN-SIP listener threads
 * deliver ACK, CANCEL, BYE, INFO, NOTIFY and responses; the watchdog thread delivers time-outs.
 * State transitions happen under {@link #lock}, held only while a message is built and handed to the
 * stack (never while waiting). {@link #end} runs its effects once: the end cause is recorded before
 * the media session is closed, so a script woken by {@link MediaClosedException} always finds it.
 */
final class SipCall implements Call, DialogLeg {
    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);
    private static final Pattern SIPFRAG_STATUS = Pattern.compile("^SIP/2\\.0\\s+(\\d{3})");
    private static final Pattern TRANSFER_TARGET = Pattern.compile("[0-9A-Za-z+*#._\\-]{1,64}");

    enum State { RINGING, ANSWERED, CONFIRMED, ENDED }

    private final SipEndpoint endpoint;
    private final SipMessaging sip;
    private final CallInfo info;
    private final Request invite;
    private final ServerTransaction inviteTransaction;
    private final String localTag;
    private final String transport;
    private final MediaSession media;
    private final Clock clock;
    /** Our SDP answer computed from the INVITE's offer, or null when the INVITE had no SDP. */
    private final String initialAnswer;

    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.RINGING;
    /** The far end's last offer put us on hold (guarded by {@link #lock}). */
    private boolean onHold;
    private volatile EndCause endCause;
    private volatile Instant answeredAt;
    private volatile boolean acked;
    /** True when our last 2xx carried an offer, so the next ACK carries the answer (RFC 3264 §4). */
    private volatile boolean answerExpectedInAck;
    private volatile CompletableFuture<Integer> referResponse = new CompletableFuture<>();
    private volatile CompletableFuture<Integer> referOutcome = new CompletableFuture<>();
    private volatile Thread scriptThread;
    private final LegListeners listeners;
    private final java.util.concurrent.CountDownLatch ackOrEnd = new java.util.concurrent.CountDownLatch(1);

    SipCall(SipEndpoint endpoint, SipMessaging sip, CallInfo info, Request invite, ServerTransaction inviteTransaction,
            MediaSession media, String initialAnswer, Clock clock) {
        this.endpoint = endpoint;
        this.sip = sip;
        this.info = info;
        this.invite = invite;
        this.inviteTransaction = inviteTransaction;
        this.localTag = SipMessaging.newTag();
        this.transport = SipMessaging.transportOf(invite);
        this.media = media;
        this.initialAnswer = initialAnswer;
        this.clock = clock;
        this.listeners = new LegListeners(info.callId());
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
        return Optional.ofNullable(inviteTransaction.getDialog());
    }

    @Override
    public LegListeners listeners() {
        return listeners;
    }

    @Override
    public void holdOffered(boolean hold) {
        boolean changed;
        lock.lock();
        try {
            changed = hold != onHold && state != State.ENDED;
            onHold = hold;
        } finally {
            lock.unlock();
        }
        if (changed) {
            LOG.debug("call {}: {}", info.callId(), hold ? "put on hold" : "taken off hold");
            listeners.tellHold(hold);
        }
    }

    @Override
    public MediaSession media() {
        return media;
    }

    @Override
    public void listen(LegListener listener) {
        listeners.add(listener);
    }

    void attachScriptThread(Thread thread) {
        this.scriptThread = thread;
    }

    Thread scriptThread() {
        return scriptThread;
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
    public CallInfo info() {
        return info;
    }

    @Override
    public void answer() throws CallEndedException {
        lock.lock();
        try {
            if (state == State.ENDED) {
                throw ended();
            }
            if (state != State.RINGING) {
                return;
            }
            String sdp = initialAnswer != null ? initialAnswer : media.offer();
            answerExpectedInAck = initialAnswer == null;
            Response ok = sip.response(invite, Response.OK, localTag);
            ok.addHeader(sip.contact(transport));
            sip.addAllow(ok);
            sip.addSupported(ok);
            ok.setContent(sdp, sdpType());
            if (!sip.send(inviteTransaction, ok, info.callId())) {
                throw new IllegalStateException("the stack refused our 200 OK");
            }
            state = State.ANSWERED;
            answeredAt = clock.instant();
        } catch (ParseException | RuntimeException e) {
            LOG.warn("call {}: could not answer: {}", info.callId(), e.toString());
            endLocked(EndCause.SIGNALLING_ERROR);
            throw ended();
        } finally {
            lock.unlock();
        }
        LOG.debug("call {}: answered", info.callId());
    }

    @Override
    public void reject(Rejection rejection) {
        lock.lock();
        try {
            if (state == State.ENDED) {
                return;
            }
            if (state != State.RINGING) {
                throw new IllegalStateException("cannot reject call " + info.callId() + " in state " + state + ", only RINGING");
            }
            sendFinal(rejection.status(), rejection.reason(), rejection.retryAfter().orElse(null));
            endLocked(EndCause.LOCAL_HANGUP);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PlaybackResult play(List<AudioClip> clips, boolean interruptible) throws CallEndedException {
        requireUp();
        try {
            return media.play(clips, interruptible);
        } catch (MediaClosedException e) {
            throw ended();
        }
    }

    @Override
    public Optional<Character> nextDigit(Duration timeout) throws CallEndedException {
        requireUp();
        try {
            return media.nextDigit(timeout);
        } catch (MediaClosedException e) {
            throw ended();
        }
    }

    @Override
    public void flushDigits() {
        media.flushDigits();
    }

    @Override
    public boolean transfer(String target) throws CallEndedException {
        if (!TRANSFER_TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("transfer target must be a SIP user part (digits, letters, + * # . _ -), got " + target);
        }
        // The peer's ACK may still be on its way (another stack thread): REFER only in a confirmed dialog.
        awaitAckOfOurAnswer();
        CompletableFuture<Integer> response = new CompletableFuture<>();
        CompletableFuture<Integer> outcome = new CompletableFuture<>();
        lock.lock();
        try {
            if (state == State.ENDED) {
                throw ended();
            }
            if (state != State.CONFIRMED) {
                throw new IllegalStateException("cannot transfer call " + info.callId() + " in state " + state + ", only CONFIRMED");
            }
            referResponse = response;
            referOutcome = outcome;
            Dialog dialog = inviteTransaction.getDialog();
            Request refer = dialog.createRequest(Request.REFER);
            // RFC 3515 §2.1: Refer-To names where the peer should send its new INVITE, the peer's own side.
            SipURI uri = sip.addresses.createSipURI(target, info.source().getAddress().getHostAddress());
            ReferToHeader referTo = sip.headers.createReferToHeader(sip.addresses.createAddress(uri));
            refer.addHeader(referTo);
            refer.addHeader(sip.contact(transport));
            ClientTransaction transaction = sip.provider.getNewClientTransaction(refer);
            dialog.sendRequest(transaction);
        } catch (CallEndedException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("call {}: could not send REFER: {}", info.callId(), e.toString());
            return false;
        } finally {
            lock.unlock();
        }
        Duration bound = endpoint.settings().transferTimeout();
        int status = await(response, bound).orElse(Response.REQUEST_TIMEOUT);
        requireUp();
        if (status < 200 || status >= 300) {
            LOG.info("call {}: transfer refused by peer with {}", info.callId(), status);
            return false;
        }
        // RFC 3515 §2.4.4: the NOTIFYs report how the new call went; we hang up either way, the peer
        // owns the transferred call now, but we wait so the peer is not left with a half-done transfer.
        Optional<Integer> finalFrag = await(outcome, bound);
        LOG.info("call {}: transferred (peer reported {})", info.callId(), finalFrag.map(String::valueOf).orElse("nothing"));
        hangUpWith(EndCause.TRANSFERRED);
        return true;
    }

    private Optional<Integer> await(CompletableFuture<Integer> future, Duration bound) throws CallEndedException {
        try {
            return Optional.of(future.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ended();
        } catch (ExecutionException e) {
            throw ended();
        }
    }

    @Override
    public void hangUp() {
        hangUpWith(EndCause.LOCAL_HANGUP);
    }

    @Override
    public Optional<EndCause> endCause() {
        return Optional.ofNullable(endCause);
    }

    /** Ends the call from our side: a final answer if still ringing, BYE otherwise. Idempotent. */
    void hangUpWith(EndCause cause) {
        awaitAckOfOurAnswer();
        lock.lock();
        try {
            switch (state) {
                case ENDED -> {
                    return;
                }
                case RINGING -> {
                    if (cause == EndCause.SHUTDOWN) {
                        sendFinal(Response.SERVICE_UNAVAILABLE, "Service Unavailable", endpoint.settings().retryAfter());
                    } else if (cause == EndCause.SIGNALLING_ERROR) {
                        sendFinal(Response.SERVER_INTERNAL_ERROR, "Server Internal Error", null);
                    } else {
                        sendFinal(Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable", null);
                    }
                }
                case ANSWERED, CONFIRMED -> sendBye();
            }
            endLocked(cause);
        } finally {
            lock.unlock();
        }
    }

    /**
     * RFC 3261 §15: the callee must not send BYE before the ACK of its 2xx arrives or Timer H fires;
     * likewise a REFER waits for the dialog to be confirmed. Only the call's own virtual thread waits
     * here; the watchdog and shutdown never do.
     */
    private void awaitAckOfOurAnswer() {
        Instant answered = answeredAt;
        if (!Thread.currentThread().isVirtual() || acked || answered == null || endCause != null) {
            return;
        }
        Duration left = Duration.between(clock.instant(), answered.plus(endpoint.settings().ackWait()));
        if (left.isNegative()) {
            return;
        }
        try {
            ackOrEnd.await(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The script returned or threw: hang up if it did not. */
    void scriptFinished(Throwable failure) {
        if (failure != null) {
            LOG.warn("call {}: call handler failed", info.callId(), failure);
            hangUpWith(EndCause.SIGNALLING_ERROR);
        } else {
            hangUpWith(EndCause.LOCAL_HANGUP);
        }
    }

    void onAck(Request ack) {
        if (acked) {
            return;
        }
        lock.lock();
        try {
            if (state == State.ANSWERED) {
                state = State.CONFIRMED;
            }
            acked = true;
        } finally {
            lock.unlock();
        }
        // Only now: a transfer() woken by the latch must find the dialog CONFIRMED (it raced before).
        ackOrEnd.countDown();
        if (answerExpectedInAck) {
            answerExpectedInAck = false;
            Optional<String> sdp = SipMessaging.body(ack);
            try {
                if (sdp.isEmpty()) {
                    throw new NegotiationException(400, "ACK without the SDP answer our offer asked for");
                }
                media.acceptAnswer(sdp.get());
            } catch (NegotiationException e) {
                // RFC 3261 §13.2.1 ¶ offer in 2xx: an unacceptable answer in the ACK is followed by BYE.
                LOG.info("call {}: answer in ACK refused ({}), hanging up", info.callId(), e.getMessage());
                hangUpWith(EndCause.SIGNALLING_ERROR);
            }
        }
    }

    void onCancel() {
        lock.lock();
        try {
            if (state != State.RINGING) {
                return; // RFC 3261 §9.2: a CANCEL after the final response has no effect on the INVITE.
            }
            sendFinal(Response.REQUEST_TERMINATED, "Request Terminated", null);
            endLocked(EndCause.REMOTE_CANCEL);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onBye() {
        end(EndCause.REMOTE_BYE);
    }

    /** Our last 2xx carried an offer whose answer (in the ACK) has not arrived. */
    @Override
    public boolean offerPending() {
        return answerExpectedInAck && !acked;
    }

    /** A re-INVITE's offer (hold/unhold, codec change); returns our new answer or null to offer ourselves. */
    @Override
    public void onReInviteOffer(boolean withOffer) {
        if (!withOffer) {
            answerExpectedInAck = true;
            acked = false;
        }
    }

    void onReferResponse(int status) {
        if (status >= 200) {
            referResponse.complete(status);
        }
    }

    @Override
    public void onNotify(Optional<String> body) {
        body.ifPresent(frag -> {
            Matcher m = SIPFRAG_STATUS.matcher(frag.strip());
            if (m.find()) {
                int status = Integer.parseInt(m.group(1));
                if (status >= 200) {
                    referOutcome.complete(status);
                }
            }
        });
    }

    /** Called by the watchdog: Timer H for our 2xx, RTP inactivity, maximum duration. */
    void checkTimers(Instant now, SipSettings settings) {
        State current = state();
        if (current == State.ENDED) {
            return;
        }
        Instant answered = answeredAt;
        if (current == State.ANSWERED && !acked && answered != null && !now.isBefore(answered.plus(settings.ackWait()))) {
            LOG.info("call {}: no ACK for our 200 OK within {} (RFC 3261 Timer H), hanging up", info.callId(), settings.ackWait());
            hangUpWith(EndCause.MEDIA_TIMEOUT);
            return;
        }
        if (answered != null) {
            Instant lastRtp = media.lastPacketReceivedAt();
            Instant since = lastRtp.isAfter(answered) ? lastRtp : answered;
            if (!now.isBefore(since.plus(settings.rtpInactivityTimeout()))) {
                LOG.info("call {}: no RTP for {}, hanging up", info.callId(), settings.rtpInactivityTimeout());
                hangUpWith(EndCause.MEDIA_TIMEOUT);
                return;
            }
        }
        if (!now.isBefore(info.receivedAt().plus(settings.maxCallDuration()))) {
            LOG.info("call {}: longer than the maximum {}, hanging up", info.callId(), settings.maxCallDuration());
            hangUpWith(EndCause.LOCAL_HANGUP);
        }
    }

    void end(EndCause cause) {
        lock.lock();
        try {
            endLocked(cause);
        } finally {
            lock.unlock();
        }
    }

    private void endLocked(EndCause cause) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        endCause = cause;
        ackOrEnd.countDown();
        referResponse.completeExceptionally(new IllegalStateException("call ended"));
        referOutcome.completeExceptionally(new IllegalStateException("call ended"));
        try {
            media.close();
        } catch (RuntimeException e) {
            LOG.warn("call {}: media session failed to close", info.callId(), e);
        }
        endpoint.callEnded(this);
        listeners.tellEnded(cause);
        if (cause == EndCause.REMOTE_BYE || cause == EndCause.REMOTE_CANCEL || cause == EndCause.LOCAL_HANGUP
                || cause == EndCause.TRANSFERRED) {
            LOG.debug("call {}: ended {}", info.callId(), cause);
        } else {
            LOG.info("call {}: ended {}", info.callId(), cause);
        }
    }

    private void sendFinal(int status, String reason, Duration retryAfter) {
        try {
            Response response = sip.response(invite, status, localTag);
            response.setReasonPhrase(reason);
            if (retryAfter != null) {
                sip.addRetryAfter(response, retryAfter);
            }
            if (status == Response.TEMPORARILY_UNAVAILABLE || status == Response.SERVICE_UNAVAILABLE) {
                sip.addAllow(response);
            }
            sip.send(inviteTransaction, response, info.callId());
        } catch (Exception e) {
            LOG.warn("call {}: could not send {}: {}", info.callId(), status, e.toString());
        }
    }

    private void sendBye() {
        try {
            Dialog dialog = inviteTransaction.getDialog();
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = sip.provider.getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
        } catch (Exception e) {
            LOG.warn("call {}: could not send BYE: {}", info.callId(), e.toString());
        }
    }

    private ContentTypeHeader sdpType() throws ParseException {
        return sip.headers.createContentTypeHeader("application", "sdp");
    }

    private void requireUp() throws CallEndedException {
        if (endCause != null) {
            throw ended();
        }
    }

    private CallEndedException ended() {
        EndCause cause = endCause;
        return new CallEndedException(cause == null ? EndCause.SIGNALLING_ERROR : cause);
    }

    /** A caller number safe for INFO logs: only its last two digits. */
    static String masked(String number) {
        if (number == null || number.isEmpty()) {
            return "anonymous";
        }
        int keep = Math.min(2, number.length() / 4);
        return "*".repeat(number.length() - keep) + number.substring(number.length() - keep);
    }
}
