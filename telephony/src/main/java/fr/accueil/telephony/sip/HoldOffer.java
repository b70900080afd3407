package fr.accueil.telephony.sip;

import fr.accueil.telephony.sdp.Direction;
import fr.accueil.telephony.sdp.MediaDescription;
import fr.accueil.telephony.sdp.SdpFormatException;
import fr.accueil.telephony.sdp.SdpParser;
import fr.accueil.telephony.sdp.SessionDescription;
import java.util.Optional;

/** Reads whether an SDP offer puts the call on hold (RFC 3264 §8.4, and RFC 2543's c=0.0.0.0). */
final class HoldOffer {
    private HoldOffer() {
    }

    /**
     * True for an audio stream offered sendonly or inactive, or with a 0.0.0.0 connection address
     * (older phones); false for sendrecv/recvonly. Empty when the offer has no audio or cannot be read
     * (the negotiation has then already refused it).
     */
    static Optional<Boolean> of(String offerSdp) {
        SessionDescription sd;
        try {
            sd = SdpParser.parse(offerSdp);
        } catch (SdpFormatException | RuntimeException e) {
            return Optional.empty();
        }
        for (MediaDescription m : sd.media()) {
            if (m.isAudio()) {
                Direction d = sd.directionOf(m);
                boolean nullAddress = sd.connectionAddressOf(m).map("0.0.0.0"::equals).orElse(false);
                return Optional.of(d == Direction.SENDONLY || d == Direction.INACTIVE || nullAddress);
            }
        }
        return Optional.empty();
    }
}
