package fr.accueil.telephony.media;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Two {@link RtpMediaSession}s relaying to each other (see {@link MediaBridge}). The relaying itself
 * happens in {@link RtpMediaSession#onPacket} on the receiving session's receiver thread; this object
 * only says who is connected to whom and counts.
 *
 * <p>Threading: connect and disconnect take {@link #WIRING}, one lock for every bridge of the process:
 * they are rare (once per answered agent call) and pairing two sessions atomically with one lock
 * cannot deadlock, whatever order two threads name the same sessions in. The counters of one
 * direction are written only by the receiver thread of the session that direction starts from.
 */
final class RtpMediaBridge implements MediaBridge {
    private static final ReentrantLock WIRING = new ReentrantLock();

    private final RtpMediaSession first;
    private final RtpMediaSession second;
    private volatile boolean connected = true;

    // One writer each: the receiver thread of the session the packets come from.
    private volatile long relayedFromFirst;
    private volatile long relayedFromSecond;
    private volatile long droppedFromFirst;
    private volatile long droppedFromSecond;

    private RtpMediaBridge(RtpMediaSession first, RtpMediaSession second) {
        this.first = first;
        this.second = second;
    }

    static RtpMediaBridge connect(RtpMediaSession first, RtpMediaSession second) {
        if (first == second) {
            throw new IllegalArgumentException("a media session cannot be connected to itself");
        }
        WIRING.lock();
        try {
            for (RtpMediaSession s : new RtpMediaSession[] {first, second}) {
                if (s.isClosed()) {
                    throw new IllegalStateException("media session on port " + s.localPort() + " is closed");
                }
                if (s.bridge() != null) {
                    throw new IllegalStateException("media session on port " + s.localPort() + " is already connected");
                }
            }
            RtpMediaBridge bridge = new RtpMediaBridge(first, second);
            first.attachBridge(bridge);
            second.attachBridge(bridge);
            first.engine().bridgeOpened();
            return bridge;
        } finally {
            WIRING.unlock();
        }
    }

    /**
     * Closes the bridge of a session being closed, if any. Taking the wiring lock after the session
     * marked itself closed means a concurrent {@link #connect} either finished first (and its bridge is
     * closed here) or sees the session closed.
     */
    static void disconnect(RtpMediaSession session) {
        WIRING.lock();
        try {
            RtpMediaBridge bridge = session.bridge();
            if (bridge != null) {
                bridge.close();
            }
        } finally {
            WIRING.unlock();
        }
    }

    RtpMediaSession other(RtpMediaSession session) {
        return session == first ? second : first;
    }

    void relayed(RtpMediaSession from) {
        from.engine().countRelayed();  // first: whoever sees the bridge's count sees the engine's too
        if (from == first) {
            relayedFromFirst++;
        } else {
            relayedFromSecond++;
        }
    }

    void dropped(RtpMediaSession from) {
        from.engine().countRelayDropped();
        if (from == first) {
            droppedFromFirst++;
        } else {
            droppedFromSecond++;
        }
    }

    @Override
    public long relayedPackets() {
        return relayedFromFirst + relayedFromSecond;
    }

    @Override
    public long droppedPackets() {
        return droppedFromFirst + droppedFromSecond;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    /** Disconnects; each session's pacer sends silence again from its next tick. Idempotent. */
    @Override
    public void close() {
        WIRING.lock();
        try {
            if (!connected) {
                return;
            }
            connected = false;
            first.detachBridge(this);
            second.detachBridge(this);
            first.engine().bridgeClosed();
        } finally {
            WIRING.unlock();
        }
    }

    @Override
    public String toString() {
        return "MediaBridge[" + first.localPort() + "<->" + second.localPort() + (connected ? "" : ", closed") + ", relayed "
                + relayedPackets() + ", dropped " + droppedPackets() + "]";
    }
}
