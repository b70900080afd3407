package fr.accueil.telephony.sdp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The outcome of an offer/answer exchange for the audio stream, from our side.
 *
 * @param payloadType               RTP payload type to send the codec with
 * @param telephoneEventPayloadType the RFC 4733 payload type, or -1 when the peer did not offer it
 * @param remote                    where the SDP says to send RTP; null when we must not send (port 0,
 *                                  {@code c=0.0.0.0} hold, or an address that does not resolve)
 * @param direction                 our own direction: whether we send and whether we expect to receive
 */
public record NegotiatedAudio(AudioCodec codec, int payloadType, int telephoneEventPayloadType, InetSocketAddress remote,
                              Direction direction) {
    public NegotiatedAudio {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(direction, "direction");
    }

    public boolean hasTelephoneEvents() {
        return telephoneEventPayloadType >= 0;
    }

    /** True when RTP should flow from us: our direction sends and the peer gave a usable address. */
    public boolean sends() {
        return direction.sends() && remote != null;
    }
}
