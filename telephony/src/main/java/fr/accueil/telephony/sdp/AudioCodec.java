package fr.accueil.telephony.sdp;

/** The audio codecs we speak: G.711 only, 8 kHz, static payload types from RFC 3551 §6. */
public enum AudioCodec {
    PCMU(0), PCMA(8);

    public static final int CLOCK_RATE = 8000;

    private final int staticPayloadType;

    AudioCodec(int staticPayloadType) {
        this.staticPayloadType = staticPayloadType;
    }

    public int staticPayloadType() {
        return staticPayloadType;
    }

    public String encodingName() {
        return name();
    }
}
