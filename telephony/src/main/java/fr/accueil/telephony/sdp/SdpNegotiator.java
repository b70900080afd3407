package fr.accueil.telephony.sdp;

import fr.accueil.telephony.media.NegotiationException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 3264 offer/answer for one call's audio stream: PCMA (8), PCMU (0) and telephone-event
 * (RFC 4733, events 0-15) at ptime 20. Keeps the {@code o=} session id and bumps its version on
 * every SDP we emit after the first one (RFC 3264 §8: a changed session needs a higher version).
 *
 * <p>Threading: not thread-safe; one call's signalling uses it at a time (the SIP dialog serialises
 * INVITE/re-INVITE processing).
 */
public final class SdpNegotiator {
    /** Telephone-event payload type in our own offers (the common choice; any 96-127 would do). */
    public static final int OFFER_TELEPHONE_EVENT_PT = 101;
    public static final int PTIME_MS = 20;
    private static final String TELEPHONE_EVENT = "telephone-event";

    private final String localAddress;
    private final int localPort;
    private final String sessionId;
    private long version;
    private boolean emitted;

    /** The answer text and what it means for the RTP stream (empty when no audio stream remains active). */
    public record Answer(String sdp, Optional<NegotiatedAudio> audio) {
    }

    public SdpNegotiator(String localAddress, int localPort, long sessionId) {
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.sessionId = Long.toString(sessionId & Long.MAX_VALUE);
        this.version = sessionId & 0xFFFF_FFFFL;
    }

    /** Answers a remote offer (initial INVITE or re-INVITE). */
    public Answer answer(String offerText) throws NegotiationException {
        SessionDescription offer = parse(offerText);
        if (offer.media().stream().noneMatch(MediaDescription::isAudio)) {
            throw new NegotiationException(400, "offer has no audio m-line");
        }
        List<MediaDescription> answered = new ArrayList<>();
        NegotiatedAudio chosen = null;
        boolean activeAudioOffered = false;
        for (MediaDescription m : offer.media()) {
            if (chosen == null && m.isAudio() && !m.isRejected() && isRtpAvp(m.protocol())) {
                activeAudioOffered = true;
                Optional<NegotiatedAudio> match = match(offer, m);
                if (match.isPresent()) {
                    chosen = match.get();
                    answered.add(audioAnswer(m, chosen));
                    continue;
                }
            }
            answered.add(rejected(m));  // RFC 3264 §6: same count and order, port 0 for what we refuse
        }
        if (chosen == null && activeAudioOffered) {
            throw new NegotiationException(488, "no common codec: we take PCMA, PCMU");
        }
        return new Answer(SdpWriter.write(describe(answered)), Optional.ofNullable(chosen));
    }

    /** Our offer for an INVITE without SDP: PCMA, PCMU, telephone-event 101, sendrecv. */
    public String offer() {
        MediaDescription m = new MediaDescription("audio", localPort, "RTP/AVP",
                List.of("8", "0", Integer.toString(OFFER_TELEPHONE_EVENT_PT)), null, List.of(
                Attribute.of("rtpmap", "8 PCMA/8000"),
                Attribute.of("rtpmap", "0 PCMU/8000"),
                Attribute.of("rtpmap", OFFER_TELEPHONE_EVENT_PT + " telephone-event/8000"),
                Attribute.of("fmtp", OFFER_TELEPHONE_EVENT_PT + " 0-15"),
                Attribute.of("ptime", Integer.toString(PTIME_MS)),
                Attribute.property(Direction.SENDRECV.attributeName())));
        return SdpWriter.write(describe(List.of(m)));
    }

    /** Reads the answer to {@link #offer()}; its first supported codec is the one we send. */
    public Optional<NegotiatedAudio> acceptAnswer(String answerText) throws NegotiationException {
        SessionDescription answer = parse(answerText);
        MediaDescription audio = answer.media().stream().filter(MediaDescription::isAudio).findFirst()
                .orElseThrow(() -> new NegotiationException(400, "answer has no audio m-line"));
        if (audio.isRejected()) {
            return Optional.empty();
        }
        Optional<NegotiatedAudio> match = match(answer, audio);
        if (match.isEmpty()) {
            throw new NegotiationException(488, "answer holds none of the codecs we offered");
        }
        NegotiatedAudio n = match.get();
        // The answer's direction is the peer's; ours is its mirror image (RFC 3264 §6.1).
        Direction peer = answer.directionOf(audio);
        return Optional.of(new NegotiatedAudio(n.codec(), n.payloadType(), n.telephoneEventPayloadType(), n.remote(), peer.answer()));
    }

    private static SessionDescription parse(String text) throws NegotiationException {
        try {
            return SdpParser.parse(text);
        } catch (SdpFormatException e) {
            throw new NegotiationException(400, "unparseable SDP: " + e.getMessage());
        }
    }

    private static boolean isRtpAvp(String protocol) {
        // AVPF is a compatible extension of AVP (RFC 4585 §3.1); secure profiles we cannot do.
        return protocol.equals("RTP/AVP") || protocol.equals("RTP/AVPF");
    }

    private static Optional<NegotiatedAudio> match(SessionDescription sd, MediaDescription m) throws NegotiationException {
        AudioCodec codec = null;
        int codecPt = -1;
        int telephoneEventPt = -1;
        for (String format : m.formats()) {
            int pt = Integer.parseInt(format);
            Optional<RtpMap> map = m.rtpMap(pt);
            if (codec == null) {
                Optional<AudioCodec> c = codecOf(pt, map);
                if (c.isPresent()) {
                    codec = c.get();
                    codecPt = pt;
                }
            }
            if (telephoneEventPt < 0 && map.isPresent() && map.get().is(TELEPHONE_EVENT, AudioCodec.CLOCK_RATE)) {
                telephoneEventPt = pt;
            }
        }
        if (codec == null) {
            return Optional.empty();
        }
        Direction offered = sd.directionOf(m);
        InetSocketAddress remote = remoteOf(sd, m);
        return Optional.of(new NegotiatedAudio(codec, codecPt, telephoneEventPt, remote, offered.answer()));
    }

    private static Optional<AudioCodec> codecOf(int pt, Optional<RtpMap> map) {
        if (map.isPresent()) {
            for (AudioCodec c : AudioCodec.values()) {
                if (map.get().is(c.encodingName(), AudioCodec.CLOCK_RATE) && (map.get().channels() == null || map.get().channels() == 1)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
        // Static payload types need no rtpmap (RFC 3551 §6).
        for (AudioCodec c : AudioCodec.values()) {
            if (c.staticPayloadType() == pt) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static InetSocketAddress remoteOf(SessionDescription sd, MediaDescription m) throws NegotiationException {
        String address = sd.connectionAddressOf(m)
                .orElseThrow(() -> new NegotiationException(400, "no c= line for the audio stream"));
        if (address.equals("0.0.0.0") || address.equals("::")) {
            return null;  // old-style hold (RFC 3264 §8.4): do not send
        }
        try {
            // Literal addresses do not touch DNS; a name is resolved once here, not per packet.
            InetSocketAddress resolved = new InetSocketAddress(InetAddress.getByName(address), m.port());
            return resolved;
        } catch (java.net.UnknownHostException e) {
            return null;  // symmetric RTP latching may still find the peer
        }
    }

    private MediaDescription audioAnswer(MediaDescription offered, NegotiatedAudio n) {
        List<String> formats = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        formats.add(Integer.toString(n.payloadType()));
        attributes.add(Attribute.of("rtpmap", n.payloadType() + " " + n.codec().encodingName() + "/8000"));
        if (n.hasTelephoneEvents()) {
            formats.add(Integer.toString(n.telephoneEventPayloadType()));
            attributes.add(Attribute.of("rtpmap", n.telephoneEventPayloadType() + " telephone-event/8000"));
            attributes.add(Attribute.of("fmtp", n.telephoneEventPayloadType() + " 0-15"));
        }
        attributes.add(Attribute.of("ptime", Integer.toString(PTIME_MS)));
        // With c=0.0.0.0 we cannot send whatever the attribute says; say so honestly.
        Direction ours = n.remote() == null && n.direction().sends()
                ? (n.direction().receives() ? Direction.RECVONLY : Direction.INACTIVE)
                : n.direction();
        attributes.add(Attribute.property(ours.attributeName()));
        return new MediaDescription("audio", localPort, offered.protocol(), formats, null, attributes);
    }

    private static MediaDescription rejected(MediaDescription m) {
        List<String> formats = m.formats().isEmpty() ? List.of("0") : m.formats();
        return new MediaDescription(m.media(), 0, m.protocol(), formats, null, List.of());
    }

    private SessionDescription describe(List<MediaDescription> media) {
        if (emitted) {
            version++;
        }
        emitted = true;
        return new SessionDescription(new Origin("accueil", sessionId, version, "IN", addrType(), localAddress),
                "Accueil", localAddress, "0 0", List.of(), media);
    }

    private String addrType() {
        return localAddress.indexOf(':') >= 0 ? "IP6" : "IP4";
    }
}
