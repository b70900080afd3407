package fr.accueil.telephony.media;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * A platform thread that sends one RTP packet per session every 20 ms.
 *
 * <p>The 20 ms period is cut into {@code slots} sub-ticks and each session belongs to one slot for
 * its whole life ({@link RtpMediaSession#pacerSlot}): a thousand sessions leave as four bursts of
 * 250 every 5 ms rather than one burst of a thousand, so neither our socket buffers nor the far
 * end's receive queue see the packet at the back of a burst wait milliseconds behind the others.
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

    /** Sub-ticks per period in production (see the class comment). */
    static final int SLOTS = 4;

    private final TickClock clock;
    private final int slots;
    private final long phaseNanos;
    /** Whole periods skipped after a stall that each slot has not yet accounted for. */
    private final long[] pendingSkips;

    Pacer(long phaseNanos) {
        this(TickClock.SYSTEM, SLOTS, phaseNanos);
    }

    /** One slot, no phase: each tick sends every session (the schedule the tests drive). */
    Pacer(TickClock clock) {
        this(clock, 1, 0);
    }

    Pacer(TickClock clock, int slots, long phaseNanos) {
        this.clock = clock;
        this.slots = slots;
        this.phaseNanos = phaseNanos;
        this.pendingSkips = new long[slots];
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long start = clock.nanoTime() + phaseNanos;
        long subPeriod = PERIOD_NANOS / slots;
        long subTick = 0;
        while (running) {
            subTick++;
            long due = start + subTick * subPeriod;
            long now;
            while ((now = clock.nanoTime()) < due) {
                clock.parkUntil(due);
                if (!running) {
                    return;
                }
            }
            long late = now - due;
            if (late > LATE_NANOS) {
                counters.lateTicks++;
                if (late > 3 * PERIOD_NANOS) {
                    long behind = late / PERIOD_NANOS;
                    counters.skippedTicks += behind;
                    subTick += behind * slots;
                    for (int i = 0; i < slots; i++) {
                        pendingSkips[i] += behind;
                    }
                }
            }
            int slot = (int) (subTick % slots);
            int elapsed = 1 + (int) Math.min(pendingSkips[slot], 50_000);
            pendingSkips[slot] = 0;
            tick(slot, elapsed);
        }
    }

    /** Sends every session's packet (one slot). */
    void tick(int elapsed) {
        tick(0, elapsed);
    }

    /** @param elapsed periods since the slot's previous tick: 1, or more after a stall */
    private void tick(int slot, int elapsed) {
        RtpMediaSession[] snapshot = sessions;
        long sent = 0;
        for (RtpMediaSession session : snapshot) {
            if (slots == 1 || session.pacerSlot == slot) {
                sent += session.sendTick(packet, counters, elapsed);
            }
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
