package fr.accueil.telephony.media;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The RTP media engine: a port pool, a few pacer threads ({@code rtp-pacer-N}) and one receiver
 * thread ({@code rtp-receiver}), shared by every call.
 *
 * <p>Threading: {@link #open} and session close are safe from any thread; they update the pacers'
 * session arrays copy-on-write under {@link #lock}, so the pacers iterate a stable snapshot without
 * locking. Each session belongs to exactly one pacer for its whole life, which makes that pacer the
 * only writer of its sequence number and timestamp. {@link #close} stops the threads and closes any
 * session still open.
 */
public final class MediaEngine implements MediaSessionFactory, AutoCloseable {
    private final MediaSettings settings;
    private final Clock clock;
    private final RtpPortPool ports;
    private final Pacer[] pacers;
    /** Guarded by {@link #lock}. */
    private int nextSlot;
    private final Thread[] pacerThreads;
    private final RtpReceiver receiver;
    private final Thread receiverThread;
    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder digits = new LongAdder();
    private final LongAdder relayed = new LongAdder();
    private final LongAdder relayDropped = new LongAdder();
    private final LongAdder bridgesOpened = new LongAdder();
    private final LongAdder bridgesClosed = new LongAdder();
    private volatile boolean closed;

    public MediaEngine(MediaSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public MediaEngine(MediaSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.ports = new RtpPortPool(settings.portMin(), settings.portMax());
        this.pacers = new Pacer[settings.pacerThreads()];
        this.pacerThreads = new Thread[pacers.length];
        for (int i = 0; i < pacers.length; i++) {
            // Pacers start out of phase with each other, so their bursts interleave too.
            pacers[i] = new Pacer(i * Pacer.PERIOD_NANOS / Pacer.SLOTS / pacers.length);
            // Platform threads at max priority: a late tick is audible jitter.
            pacerThreads[i] = Thread.ofPlatform().name("rtp-pacer-" + i).daemon(true).priority(Thread.MAX_PRIORITY)
                    .unstarted(pacers[i]);
        }
        this.receiver = new RtpReceiver(clock, ports);
        this.receiverThread = Thread.ofPlatform().name("rtp-receiver").daemon(true).unstarted(receiver);
        receiverThread.start();
        for (Thread t : pacerThreads) {
            t.start();
        }
    }

    @Override
    public RtpMediaSession open(String callId) throws MediaUnavailableException {
        if (closed) {
            throw new MediaUnavailableException("media engine stopped");
        }
        IOException lastFailure = null;
        for (int attempt = 0; attempt < ports.capacity(); attempt++) {
            int port = ports.allocate();
            DatagramChannel channel = null;
            try {
                channel = settings.bindAddress() instanceof Inet4Address
                        ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
                channel.bind(new InetSocketAddress(settings.bindAddress(), port));
                channel.configureBlocking(false);
            } catch (IOException e) {
                // Taken by another process (or still held by the kernel): leave it and try the next one.
                lastFailure = e;
                closeQuietly(channel);
                ports.release(port);
                continue;
            }
            RtpMediaSession session = new RtpMediaSession(callId, this, channel, port, settings.advertisedAddress(), clock.millis(),
                    settings.inbandDtmf());
            attach(session);
            receiver.register(session);
            return session;
        }
        throw new MediaUnavailableException("no RTP port could be bound in " + settings.portMin() + "-" + settings.portMax()
                + (lastFailure == null ? "" : ": " + lastFailure.getMessage()));
    }

    private void attach(RtpMediaSession session) {
        lock.lock();
        try {
            Pacer least = pacers[0];
            for (Pacer p : pacers) {
                if (p.sessionCount() < least.sessionCount()) {
                    least = p;
                }
            }
            RtpMediaSession[] current = least.sessions;
            // Fill the slots evenly; a session keeps its slot (its 20 ms) for its whole life.
            session.pacerSlot = nextSlot++ % Pacer.SLOTS;
            RtpMediaSession[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = session;
            least.sessions = next;
        } finally {
            lock.unlock();
        }
    }

    void detach(RtpMediaSession session) {
        lock.lock();
        try {
            for (Pacer p : pacers) {
                RtpMediaSession[] current = p.sessions;
                for (int i = 0; i < current.length; i++) {
                    if (current[i] == session) {
                        RtpMediaSession[] next = new RtpMediaSession[current.length - 1];
                        System.arraycopy(current, 0, next, 0, i);
                        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                        p.sessions = next;
                        return;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void release(int port) {
        receiver.releaseWhenDeregistered(port);
    }

    void countDigit() {
        digits.increment();
    }

    void countRelayed() {
        relayed.increment();
    }

    void countRelayDropped() {
        relayDropped.increment();
    }

    void bridgeOpened() {
        bridgesOpened.increment();
    }

    void bridgeClosed() {
        bridgesClosed.increment();
    }

    public RtpPortPool ports() {
        return ports;
    }

    public EngineCounters counters() {
        long sent = 0;
        long failures = 0;
        long late = 0;
        long skipped = 0;
        int active = 0;
        for (Pacer p : pacers) {
            sent += p.counters.packetsSent;
            failures += p.counters.sendFailures;
            late += p.counters.lateTicks;
            skipped += p.counters.skippedTicks;
            active += p.sessionCount();
        }
        long closedBridges = bridgesClosed.sum();  // read first: active bridges never come out negative
        return new EngineCounters(active, ports.free(), sent, receiver.packetsReceived, digits.sum(), failures, late, skipped,
                (int) (bridgesOpened.sum() - closedBridges), relayed.sum(), relayDropped.sum());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Pacer p : pacers) {
            for (RtpMediaSession s : p.sessions) {
                s.close();
            }
        }
        for (Pacer p : pacers) {
            p.stop();
        }
        receiver.stop();
        try {
            for (Thread t : pacerThreads) {
                t.join(1000);
            }
            receiverThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing
            }
        }
    }
}
