package fr.accueil.telephony.media;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * A platform thread that sends one RTP packet per session every 20 ms.
 *
 * <p>The schedule is absolute: tick k is due at {@code start + k × 20 ms} and the thread parks until
 * then, so waking late once does not shift every later packet (no drift). A tick more than three
 * periods late (a GC pause, a starved VM) resynchronises instead of bursting the backlog, which a
 * receiver's jitter buffer would hear as a glitch anyway.
 *
 * <p>Threading: the session array is replaced copy-on-write by the engine (under its lock) and read
 * here through a volatile field once per tick; everything else is confined to this thread. One
 * direct buffer is reused for every packet.
 */
final class Pacer implements Runnable {
    static final long PERIOD_NANOS = 20_000_000L;
    static final long LATE_NANOS = 2_000_000L;

    private final ByteBuffer packet = ByteBuffer.allocateDirect(RtpMediaSession.HEADER_BYTES + EncodedFrames.FRAME_BYTES);
    final RtpMediaSession.PacerCounters counters = new RtpMediaSession.PacerCounters();
    volatile RtpMediaSession[] sessions = new RtpMediaSession[0];
    private volatile boolean running = true;
    volatile Thread thread;

    /** Time for the pacer; the system one parks, tests substitute a fake one and never sleep. */
    interface TickClock {
        long nanoTime();

        /** Blocks until {@code nanoTime() >= due} or the pacer is stopped (may return early: the caller re-checks). */
        void parkUntil(long due);

        TickClock SYSTEM = new TickClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void parkUntil(long due) {
                LockSupport.parkNanos(this, due - System.nanoTime());
            }
        };
    }

    private final TickClock clock;

    Pacer() {
        this(TickClock.SYSTEM);
    }

    Pacer(TickClock clock) {
        this.clock = clock;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long start = clock.nanoTime();
        long tick = 0;
        while (running) {
            tick++;
            long due = start + tick * PERIOD_NANOS;
            long now;
            while ((now = clock.nanoTime()) < due) {
                clock.parkUntil(due);
                if (!running) {
                    return;
                }
            }
            long late = now - due;
            int elapsed = 1;
            if (late > LATE_NANOS) {
                counters.lateTicks++;
                if (late > 3 * PERIOD_NANOS) {
                    long behind = late / PERIOD_NANOS;
                    counters.skippedTicks += behind;
                    tick += behind;
                    elapsed += (int) Math.min(behind, 50_000);
                }
            }
            tick(elapsed);
        }
    }

    /** @param elapsed periods since the previous tick: 1, or more after a stall */
    void tick(int elapsed) {
        RtpMediaSession[] snapshot = sessions;
        long sent = 0;
        for (RtpMediaSession session : snapshot) {
            sent += session.sendTick(packet, counters, elapsed);
        }
        counters.packetsSent += sent;
    }

    int sessionCount() {
        return sessions.length;
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
