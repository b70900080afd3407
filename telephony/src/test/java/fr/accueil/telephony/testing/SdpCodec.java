package fr.accueil.telephony.testing;

/** A payload type the test phone offers: number, {@code a=rtpmap} encoding and optional fmtp. */
public record SdpCodec(int payloadType, String rtpmap, String fmtp) {

    public static final SdpCodec PCMA = new SdpCodec(8, "PCMA/8000", null);
    public static final SdpCodec PCMU = new SdpCodec(0, "PCMU/8000", null);
    public static final SdpCodec G729 = new SdpCodec(18, "G729/8000", null);
    public static final SdpCodec TELEPHONE_EVENT = new SdpCodec(101, "telephone-event/8000", "0-16");

    public boolean isG711() {
        return payloadType == 0 || payloadType == 8;
    }
}
