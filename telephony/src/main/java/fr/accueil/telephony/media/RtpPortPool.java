package fr.accueil.telephony.media;

import java.util.BitSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The even RTP ports of a range, each either free or held by one session. Allocation rotates
 * through the range so that a port just released (whose socket the kernel may still hold for a
 * moment) is the last to be handed out again. Thread-safe.
 */
public final class RtpPortPool {
    private final int first;
    private final int slots;
    private final BitSet used;
    private final ReentrantLock lock = new ReentrantLock();
    private int cursor;
    private int inUse;

    public RtpPortPool(int portMin, int portMax) {
        this.first = portMin % 2 == 0 ? portMin : portMin + 1;
        // Each RTP port keeps its odd RTCP companion inside the range (RFC 3550 §11).
        int last = (portMax - 1) % 2 == 0 ? portMax - 1 : portMax - 2;
        if (last < first) {
            throw new IllegalArgumentException("port range " + portMin + "-" + portMax + " holds no even/odd pair");
        }
        this.slots = (last - first) / 2 + 1;
        this.used = new BitSet(slots);
    }

    public int allocate() throws MediaUnavailableException {
        lock.lock();
        try {
            if (inUse == slots) {
                throw new MediaUnavailableException("all " + slots + " RTP ports from " + first + " are in use");
            }
            int slot = used.nextClearBit(cursor);
            if (slot >= slots) {
                slot = used.nextClearBit(0);
            }
            used.set(slot);
            inUse++;
            cursor = (slot + 1) % slots;
            return first + 2 * slot;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a port back. @return false if it was not allocated (a second release is harmless). */
    public boolean release(int port) {
        int slot = (port - first) / 2;
        if (port < first || (port - first) % 2 != 0 || slot >= slots) {
            throw new IllegalArgumentException("port " + port + " is not in this pool");
        }
        lock.lock();
        try {
            if (!used.get(slot)) {
                return false;
            }
            used.clear(slot);
            inUse--;
            return true;
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return slots;
    }

    public int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    public int free() {
        return capacity() - inUse();
    }
}
