package fr.accueil.telephony.sip;

import fr.accueil.telephony.media.MediaSession;
import fr.accueil.telephony.media.MediaSessionFactory;
import fr.accueil.telephony.media.MediaUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Opens {@link FakeMediaSession}s; can run out of ports and can pretend RTP stopped. */
final class FakeMediaFactory implements MediaSessionFactory {
    final Map<String, FakeMediaSession> sessions = new ConcurrentHashMap<>();
    volatile boolean exhausted;
    /** When set, every session reports this as its last RTP packet (RTP stopped). */
    volatile Instant silentSince;

    @Override
    public MediaSession open(String callId) throws MediaUnavailableException {
        if (exhausted) {
            throw new MediaUnavailableException("no RTP port free (fake)");
        }
        FakeMediaSession session = new FakeMediaSession(callId, () -> silentSince != null ? silentSince : Instant.now());
        sessions.put(callId, session);
        return session;
    }

    /** The session of a call, waiting for the INVITE to have been processed. */
    FakeMediaSession session(String callId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            FakeMediaSession session = sessions.get(callId);
            if (session != null) {
                return session;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("no media session opened for " + callId);
    }

    long openSessions() {
        return sessions.values().stream().filter(s -> s.closes.get() == 0).count();
    }
}
