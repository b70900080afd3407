package fr.accueil.telephony.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A UAC transaction over UDP (RFC 3261 §17.1): retransmits the request with timer A/E (T1 doubling;
 * non-INVITE capped at T2), stops INVITE retransmissions on a provisional response, gives up with a
 * synthetic 408 after timer B/F (64·T1), and acknowledges non-2xx final responses to INVITE with an
 * ACK on the same branch (§17.1.1.3), again for each retransmitted final response.
 *
 * <p>Thread-safe: responses arrive on the phone's receiver thread, timers on its timer thread.
 */
final class ClientTransaction {

    private final TestPhone phone;
    private final SipMessage request;
    private final byte[] bytes;
    private final boolean invite;
    private final Consumer<SipMessage> onProvisional;
    private final CompletableFuture<SipMessage> finalResponse = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean proceeding;
    private byte[] ack;
    private ScheduledFuture<?> retransmit;

    ClientTransaction(TestPhone phone, SipMessage request, Consumer<SipMessage> onProvisional) {
        this.phone = phone;
        this.request = request;
        this.bytes = request.toBytes();
        this.invite = request.method().equals("INVITE");
        this.onProvisional = onProvisional;
    }

    String key() {
        return TestPhone.transactionKey(request.topViaBranch(), request.method());
    }

    SipMessage request() {
        return request;
    }

    CompletableFuture<SipMessage> finalResponse() {
        return finalResponse;
    }

    void start() {
        phone.sendBytes(bytes);
        if (!phone.reliable()) { // timers A/E run on UDP only (§17.1.1.2, §17.1.2.2)
            schedule(TestPhone.T1);
        }
        phone.timers().schedule(this::timeout, TestPhone.T1.toMillis() * 64, TimeUnit.MILLISECONDS);
    }

    private void schedule(Duration interval) {
        lock.lock();
        try {
            retransmit = phone.timers().schedule(() -> retransmit(interval), interval.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void retransmit(Duration interval) {
        lock.lock();
        try {
            if (finalResponse.isDone() || (invite && proceeding)) {
                return;
            }
        } finally {
            lock.unlock();
        }
        phone.sendBytes(bytes);
        Duration next = interval.multipliedBy(2);
        if (!invite && (next.compareTo(TestPhone.T2) > 0 || proceeding)) {
            next = TestPhone.T2;
        }
        schedule(next);
    }

    private void timeout() {
        lock.lock();
        try {
            if (invite && proceeding) {
                return; // timer B runs in the Calling state only (§17.1.1.2): a ringing call may last
            }
        } finally {
            lock.unlock();
        }
        SipMessage timeout = SipMessage.response(408, "Request Timeout (no final response within 64*T1)")
                .header("Call-ID", request.callId())
                .header("CSeq", request.cseqNumber() + " " + request.method())
                .build();
        if (finalResponse.complete(timeout)) {
            phone.log(request.callId(), "!! timer B/F fired for " + request.method());
        }
        phone.forget(this);
    }

    void onResponse(SipMessage response) {
        int status = response.status();
        if (status < 200) {
            lock.lock();
            try {
                proceeding = true;
            } finally {
                lock.unlock();
            }
            if (!finalResponse.isDone() && onProvisional != null) {
                onProvisional.accept(response);
            }
            return;
        }
        if (invite && status >= 300) {
            byte[] ackBytes;
            lock.lock();
            try {
                if (ack == null) {
                    ack = nonSuccessAck(response).toBytes();
                }
                ackBytes = ack;
            } finally {
                lock.unlock();
            }
            phone.sendBytes(ackBytes);
        }
        lock.lock();
        try {
            if (retransmit != null) {
                retransmit.cancel(false);
            }
        } finally {
            lock.unlock();
        }
        finalResponse.complete(response);
        // Keep matching retransmitted finals for a while (timer D, 32 s on UDP) to re-send the ACK.
        phone.timers().schedule(() -> phone.forget(this), invite && status >= 300 ? 32 : 1, TimeUnit.SECONDS);
    }

    /** §17.1.1.3: same Request-URI, Call-ID, From, top Via and CSeq number; To from the response. */
    private SipMessage nonSuccessAck(SipMessage response) {
        SipMessage.Builder b = SipMessage.request("ACK", request.requestUri())
                .header("Via", request.headerValues("Via").getFirst());
        request.header("Route").ifPresent(r -> b.header("Route", r));
        return b.header("Max-Forwards", "70")
                .header("From", request.required("From"))
                .header("To", response.required("To"))
                .header("Call-ID", request.callId())
                .header("CSeq", request.cseqNumber() + " ACK")
                .build();
    }
}
