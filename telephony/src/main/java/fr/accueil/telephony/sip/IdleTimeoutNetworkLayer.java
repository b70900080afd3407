package fr.accueil.telephony.sip;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's network layer with a read time-out on accepted TCP connections, so that a connection
 * that stays silent (opened and never used, or a peer gone without FIN) is closed after
 * {@link #IDLE_PROPERTY} milliseconds and its stack thread released. The stack's own READ_TIMEOUT
 * only covers a message once its first byte arrived. Any traffic, RFC 5626 CRLF keep-alives
 * included, restarts the time-out. Named by {@code gov.nist.javax.sip.NETWORK_LAYER}; the stack
 * instantiates it by reflection and hands it its configuration through {@link #setSipStack}.
 * Thread-safe after {@code setSipStack}.
 */
public final class IdleTimeoutNetworkLayer implements NetworkLayer {
    /** Stack property read here: idle time-out of accepted TCP connections, in milliseconds. */
    static final String IDLE_PROPERTY = "fr.accueil.sip.TCP_IDLE_MILLIS";

    private final NetworkLayer delegate = DefaultNetworkLayer.SINGLETON;
    private volatile int idleMillis;

    public IdleTimeoutNetworkLayer() {
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        delegate.setSipStack(stack);
        String idle = stack.getConfigurationProperties().getProperty(IDLE_PROPERTY, "0");
        idleMillis = Integer.parseInt(idle);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        int idle = idleMillis;
        return new ServerSocket(port, backlog, bindAddress) {
            @Override
            public Socket accept() throws IOException {
                Socket socket = super.accept();
                socket.setSoTimeout(idle);
                return socket;
            }
        };
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return delegate.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return delegate.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return delegate.createSocket(address, port, myAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return delegate.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return delegate.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return delegate.createSSLSocket(address, port, myAddress);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return delegate.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        return delegate.createDatagramSocket(port, bindAddress);
    }
}
