package fr.accueil.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The RTP side of one {@link TestPhone}: a single selector thread receives for every endpoint and a
 * single ticker sends one packet per endpoint every 20 ms. Two threads serve hundreds of calls, so the
 * phone itself does not become the bottleneck of a benchmark, and arrival times are stamped by a
 * thread that does nothing else.
 *
 * <p>Thread-safe: endpoints are opened and closed from any thread.
 */
final class RtpEngine implements AutoCloseable {

    private final Selector selector;
    private final Thread receiver;
    private final ScheduledExecutorService ticker;
    private final Set<RtpEndpoint> sending = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<RtpEndpoint> toRegister = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    RtpEngine() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receiver = Thread.ofPlatform().name("testphone-rtp-rx").daemon().start(this::receiveLoop);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("testphone-rtp-tx").daemon().unstarted(r));
        ticker.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    RtpEndpoint open(InetAddress localIp, RtpEndpoint.Options options) {
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(localIp, 0));
            channel.configureBlocking(false);
            RtpEndpoint endpoint = new RtpEndpoint(this, channel, options);
            toRegister.add(endpoint);
            selector.wakeup();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void startSending(RtpEndpoint endpoint) {
        sending.add(endpoint);
    }

    void stopSending(RtpEndpoint endpoint) {
        sending.remove(endpoint);
    }

    private void tick() {
        long now = System.nanoTime();
        for (RtpEndpoint e : sending) {
            try {
                e.tick(now);
            } catch (RuntimeException ex) {
                // One broken endpoint must not stop the others' clocks.
                sending.remove(e);
            }
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (!closed) {
                selector.select(200);
                long now = System.nanoTime();
                for (RtpEndpoint e; (e = toRegister.poll()) != null; ) {
                    if (e.channel().isOpen()) {
                        e.channel().register(selector, SelectionKey.OP_READ, e);
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    RtpEndpoint endpoint = (RtpEndpoint) key.attachment();
                    try {
                        SocketAddress from;
                        while ((from = endpoint.channel().receive(buffer.clear())) != null) {
                            buffer.flip();
                            endpoint.received(buffer, (InetSocketAddress) from, now);
                        }
                    } catch (IOException ex) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                throw new UncheckedIOException(new IOException("RTP receiver stopped", e));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            receiver.join(2000);
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
