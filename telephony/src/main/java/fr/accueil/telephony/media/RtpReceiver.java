package fr.accueil.telephony.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One platform thread reading every session's socket through a {@link Selector}.
 *
 * <p>Threading: new sessions are queued by {@link #register} from any thread and registered by this
 * thread (registering while another thread sits in {@code select} would block). Closing a session's
 * channel cancels its key; {@link #wakeup} lets the selector drop it promptly so the port frees.
 */
final class RtpReceiver implements Runnable {
    private final Selector selector;
    private final Clock clock;
    private final ConcurrentLinkedQueue<RtpMediaSession> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> closedPorts = new ConcurrentLinkedQueue<>();
    private final RtpPortPool ports;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    /** Where bridged sessions build the packets they relay (see {@link RtpMediaSession#relay}). */
    private final ByteBuffer relayBuffer = ByteBuffer.allocateDirect(2048);
    private final Consumer<SelectionKey> onReadable = this::drain;
    private volatile boolean running = true;
    volatile long packetsReceived;

    RtpReceiver(Clock clock, RtpPortPool ports) {
        this.clock = clock;
        this.ports = ports;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the RTP selector", e);
        }
    }

    void register(RtpMediaSession session) {
        pending.add(session);
        selector.wakeup();
    }

    /**
     * Returns a closed session's port to the pool once the selector has dropped its key: until then
     * the kernel socket stays open (the JDK defers closing a registered channel to the selector), and
     * a new session binding the same port would fail.
     */
    void releaseWhenDeregistered(int port) {
        if (!running) {
            ports.release(port);
            return;
        }
        closedPorts.add(port);
        selector.wakeup();
        if (!running) {
            // stopped meanwhile: its final drain may have missed this one; poll() hands each port out once
            Integer p;
            while ((p = closedPorts.poll()) != null) {
                ports.release(p);
            }
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                RtpMediaSession session;
                while ((session = pending.poll()) != null) {
                    try {
                        session.channel().register(selector, SelectionKey.OP_READ, session);
                    } catch (ClosedChannelException e) {
                        // closed before we got to it
                    }
                }
                selector.select(onReadable, 1000);
                if (!closedPorts.isEmpty()) {
                    // A select started after the channels were closed deregisters their keys first.
                    selector.selectNow(onReadable);
                    Integer port;
                    while ((port = closedPorts.poll()) != null) {
                        ports.release(port);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("RTP selector failed", e);
        } finally {
            running = false;
            Integer port;
            while ((port = closedPorts.poll()) != null) {
                ports.release(port);
            }
            try {
                selector.close();
            } catch (IOException e) {
                // shutting down
            }
        }
    }

    private void drain(SelectionKey key) {
        RtpMediaSession session = (RtpMediaSession) key.attachment();
        DatagramChannel channel = (DatagramChannel) key.channel();
        long received = 0;
        try {
            // Drain everything queued on this socket: at 50 packets/s a backlog means we were late.
            for (int i = 0; i < 64; i++) {
                buffer.clear();
                SocketAddress source = channel.receive(buffer);
                if (source == null) {
                    break;
                }
                buffer.flip();
                received++;
                session.onPacket(source, buffer, clock.millis(), System.nanoTime(), relayBuffer);
            }
        } catch (IOException e) {
            key.cancel();  // closed under us, or an ICMP error surfaced: the session's owner ends it
        }
        packetsReceived += received;
    }

    void stop() {
        running = false;
        selector.wakeup();
    }
}
