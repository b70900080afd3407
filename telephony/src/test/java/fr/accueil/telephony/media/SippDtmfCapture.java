package fr.accueil.telephony.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RTP datagrams of SIPp's DTMF captures ({@code /usr/share/sip-tester/dtmf_2833_*.pcap}, Debian
 * package sip-tester): a minimal reader for classic little-endian pcap over Ethernet/IPv4/UDP.
 */
final class SippDtmfCapture {
    static final Path DIRECTORY = Path.of("/usr/share/sip-tester");

    private SippDtmfCapture() {
    }

    static List<byte[]> rtpPackets(String digitName) throws IOException {
        ByteBuffer pcap = ByteBuffer.wrap(Files.readAllBytes(DIRECTORY.resolve("dtmf_2833_" + digitName + ".pcap")))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (pcap.getInt(0) != 0xA1B2C3D4 || pcap.getInt(20) != 1) {
            throw new IOException("not a little-endian Ethernet pcap");
        }
        List<byte[]> packets = new ArrayList<>();
        int at = 24;
        while (at + 16 <= pcap.limit()) {
            int length = pcap.getInt(at + 8);
            int frame = at + 16;
            int ip = frame + 14;
            int udp = ip + 4 * (pcap.get(ip) & 0x0F);
            int rtp = udp + 8;
            byte[] datagram = new byte[frame + length - rtp];
            pcap.get(rtp, datagram);
            packets.add(datagram);
            at = frame + length;
        }
        return packets;
    }
}
