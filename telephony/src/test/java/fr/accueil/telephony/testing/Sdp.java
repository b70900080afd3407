package fr.accueil.telephony.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an SDP body (RFC 4566) the test phone needs: connection address, audio port,
 * payload types with their rtpmap, ptime and direction. Offers are written by {@link #offer}.
 *
 * @param address     the {@code c=} address (session or media level)
 * @param port        the audio {@code m=} port (0 = stream rejected)
 * @param payloadTypes payload types in the order of the {@code m=} line
 * @param rtpmaps     payload type → encoding name/rate, lower-cased
 * @param direction   sendrecv, sendonly, recvonly or inactive
 */
public record Sdp(String address, int port, List<Integer> payloadTypes, Map<Integer, String> rtpmaps,
                  String direction, Optional<Integer> ptime) {

    public static Sdp parse(String text) {
        String address = null;
        int port = -1;
        List<Integer> pts = new ArrayList<>();
        Map<Integer, String> maps = new HashMap<>();
        String direction = "sendrecv";
        Integer ptime = null;
        boolean inAudio = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'm' -> {
                    String[] f = value.split("\\s+");
                    inAudio = f[0].equals("audio") && port < 0;
                    if (inAudio) {
                        port = Integer.parseInt(f[1]);
                        for (int i = 3; i < f.length; i++) {
                            pts.add(Integer.parseInt(f[i]));
                        }
                    }
                }
                case 'c' -> {
                    if (address == null || inAudio) {
                        address = value.split("\\s+")[2].split("/")[0];
                    }
                }
                case 'a' -> {
                    if (value.startsWith("rtpmap:")) {
                        String[] f = value.substring(7).split("\\s+", 2);
                        maps.put(Integer.parseInt(f[0]), f[1].toLowerCase(Locale.ROOT));
                    } else if (value.startsWith("ptime:")) {
                        ptime = Integer.parseInt(value.substring(6).strip());
                    } else if (value.equals("sendrecv") || value.equals("sendonly")
                            || value.equals("recvonly") || value.equals("inactive")) {
                        direction = value;
                    }
                }
                default -> {
                }
            }
        }
        if (address == null || port < 0) {
            throw new IllegalArgumentException("SDP without c= address or m=audio line:\n" + text);
        }
        // Static payload types may come without rtpmap (RFC 3551).
        maps.putIfAbsent(0, "pcmu/8000");
        maps.putIfAbsent(8, "pcma/8000");
        return new Sdp(address, port, List.copyOf(pts), Map.copyOf(maps), direction, Optional.ofNullable(ptime));
    }

    /** First G.711 payload type of the m= line, the one a peer should send. */
    public Optional<Integer> firstG711() {
        return payloadTypes.stream().filter(pt -> pt == 0 || pt == 8).findFirst();
    }

    /** The payload type mapped to telephone-event/8000, if the answer kept it. */
    public Optional<Integer> telephoneEvent() {
        return payloadTypes.stream()
                .filter(pt -> rtpmaps.getOrDefault(pt, "").startsWith("telephone-event/8000"))
                .findFirst();
    }

    /** An SDP offer/answer body (RFC 3264) for one audio stream. */
    public static String offer(String ip, int port, long sessionId, long sessionVersion, List<SdpCodec> codecs,
                               String direction) {
        StringBuilder sb = new StringBuilder();
        sb.append("v=0\r\n");
        sb.append("o=testphone ").append(sessionId)
                .append(' ').append(sessionVersion).append(" IN IP4 ").append(ip).append("\r\n");
        sb.append("s=testphone\r\n");
        sb.append("c=IN IP4 ").append(ip).append("\r\n");
        sb.append("t=0 0\r\n");
        sb.append("m=audio ").append(port).append(" RTP/AVP");
        for (SdpCodec c : codecs) {
            sb.append(' ').append(c.payloadType());
        }
        sb.append("\r\n");
        for (SdpCodec c : codecs) {
            sb.append("a=rtpmap:").append(c.payloadType()).append(' ').append(c.rtpmap()).append("\r\n");
            if (c.fmtp() != null) {
                sb.append("a=fmtp:").append(c.payloadType()).append(' ').append(c.fmtp()).append("\r\n");
            }
        }
        sb.append("a=ptime:20\r\n");
        sb.append("a=").append(direction).append("\r\n");
        return sb.toString();
    }
}
