package fr.accueil.telephony.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The far end of a call in tests: a plain DatagramSocket on a free loopback port. */
final class RtpPeer implements AutoCloseable {
    record Packet(int payloadType, boolean marker, int sequence, long timestamp, int ssrc, byte[] payload) {
    }

    final DatagramSocket socket;

    RtpPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    String offer(String formats, String extra) {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port() + " RTP/AVP " + formats + "\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n" + extra;
    }

    Optional<Packet> receive(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(datagram);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, datagram.getLength());
        return Optional.of(new Packet(b.get(1) & 0x7F, (b.get(1) & 0x80) != 0, b.getShort(2) & 0xFFFF,
                b.getInt(4) & 0xFFFFFFFFL, b.getInt(8), Arrays.copyOfRange(buffer, 12, datagram.getLength())));
    }

    /** Reads packets until {@code quietMillis} pass without one (or the deadline). */
    List<Packet> drain(int quietMillis, long deadlineMillis) throws IOException {
        List<Packet> packets = new ArrayList<>();
        long end = System.currentTimeMillis() + deadlineMillis;
        while (System.currentTimeMillis() < end) {
            Optional<Packet> p = receive(quietMillis);
            if (p.isEmpty()) {
                break;
            }
            packets.add(p.get());
        }
        return packets;
    }

    void send(int localPort, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), localPort));
    }

    static byte[] rtp(int payloadType, boolean marker, int sequence, int timestamp, int ssrc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) sequence).putInt(timestamp)
                .putInt(ssrc).put(payload);
        return b.array();
    }

    /**
     * One RFC 4733 digit the way SIPp's dtmf_2833_*.pcap captures carry it: 10 packets sharing one
     * timestamp, the first with the marker bit, durations growing by 160, the last three the end
     * packet repeated with the same sequence number.
     */
    static List<byte[]> sippDigit(int event, int firstSequence, int timestamp) {
        List<byte[]> packets = new ArrayList<>();
        int ssrc = 0x1234_5678;
        for (int i = 0; i < 7; i++) {
            byte[] payload = {(byte) event, 10, (byte) (((i + 1) * 160) >> 8), (byte) ((i + 1) * 160)};
            packets.add(rtp(101, i == 0, firstSequence + i, timestamp, ssrc, payload));
        }
        int duration = 8 * 160;
        byte[] end = {(byte) event, (byte) (0x80 | 10), (byte) (duration >> 8), (byte) duration};
        for (int i = 0; i < 3; i++) {
            packets.add(rtp(101, false, firstSequence + 7, timestamp, ssrc, end));
        }
        return packets;
    }

    void sendAll(int localPort, List<byte[]> packets) throws IOException {
        for (byte[] p : packets) {
            send(localPort, p);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
