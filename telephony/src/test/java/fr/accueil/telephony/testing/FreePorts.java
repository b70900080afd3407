package fr.accueil.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds loopback ports free for both UDP and TCP, for tools that cannot bind port 0 and report it
 * (SIPp, baresip). There is an unavoidable race between closing the probe and the tool binding; the
 * ports come from the kernel's ephemeral range, so collisions are rare. Stateless.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int udpAndTcp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException busy) {
                    // taken on TCP, try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free UDP+TCP port found");
    }

    /**
     * An even UDP port whose successors up to {@code +3} are free too: SIPp's media uses the port
     * and port+2 (RTP echo for audio and video), RTP convention keeps RTCP on port+1.
     */
    public static int evenUdpBlock() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                base = probe.getLocalPort() & ~1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (base + 3 < 65536 && allFree(base, 4)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of 4 UDP ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p))) {
                // free
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether some socket is bound to this UDP port, read from the kernel's tables (Linux
     * {@code /proc/net/udp} and {@code udp6}) without touching the port.
     */
    public static boolean isUdpPortBound(int port) {
        return bound(port, "/proc/net/udp", "/proc/net/udp6");
    }

    /** Whether some TCP socket uses this local port (listening or connected), from {@code /proc/net/tcp*}. */
    public static boolean isTcpPortBound(int port) {
        return bound(port, "/proc/net/tcp", "/proc/net/tcp6");
    }

    private static boolean bound(int port, String... tables) {
        String hexPort = String.format(":%04X", port);
        for (String table : tables) {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length > 2 && f[1].endsWith(hexPort)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // table missing (no IPv6): look at the other one
            }
        }
        return false;
    }
}
