package fr.accueil.telephony.media;

import fr.accueil.telephony.sdp.AudioCodec;

/**
 * ITU-T G.711 A-law and µ-law companding, after the public-domain Sun reference implementation
 * (g711.c). Encoding goes through two 64 KiB tables built once, so a frame encodes with one array
 * read per sample. Stateless and thread-safe.
 */
public final class G711 {
    /** Encoded digital silence (PCM 0): A-law 0xD5, µ-law 0xFF. */
    public static final byte ALAW_SILENCE = (byte) 0xD5;
    public static final byte ULAW_SILENCE = (byte) 0xFF;

    private static final int[] SEG_AEND = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    private static final int[] SEG_UEND = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 8159;

    private static final byte[] ALAW = new byte[65536];
    private static final byte[] ULAW = new byte[65536];
    /** Transcoding tables for the relay: decode then re-encode, one array read per sample. */
    private static final byte[] ALAW_TO_ULAW = new byte[256];
    private static final byte[] ULAW_TO_ALAW = new byte[256];

    static {
        for (int i = 0; i < 65536; i++) {
            short pcm = (short) i;
            ALAW[i] = (byte) linearToAlaw(pcm);
            ULAW[i] = (byte) linearToUlaw(pcm);
        }
        for (int i = 0; i < 256; i++) {
            ALAW_TO_ULAW[i] = ulaw(alawToLinear((byte) i));
            ULAW_TO_ALAW[i] = alaw(ulawToLinear((byte) i));
        }
    }

    private G711() {
    }

    public static byte alaw(short pcm) {
        return ALAW[pcm & 0xFFFF];
    }

    public static byte ulaw(short pcm) {
        return ULAW[pcm & 0xFFFF];
    }

    public static byte encode(AudioCodec codec, short pcm) {
        return codec == AudioCodec.PCMA ? alaw(pcm) : ulaw(pcm);
    }

    public static byte silence(AudioCodec codec) {
        return codec == AudioCodec.PCMA ? ALAW_SILENCE : ULAW_SILENCE;
    }

    public static short decode(AudioCodec codec, byte encoded) {
        return codec == AudioCodec.PCMA ? alawToLinear(encoded) : ulawToLinear(encoded);
    }

    /** The µ-law byte nearest to the sample an A-law byte stands for. */
    public static byte alawToUlaw(byte alaw) {
        return ALAW_TO_ULAW[alaw & 0xFF];
    }

    /** The A-law byte nearest to the sample a µ-law byte stands for. */
    public static byte ulawToAlaw(byte ulaw) {
        return ULAW_TO_ALAW[ulaw & 0xFF];
    }

    /** The relay's table from one codec to the other, null when they are the same; never written. */
    static byte[] transcoding(AudioCodec from, AudioCodec to) {
        return from == to ? null : from == AudioCodec.PCMA ? ALAW_TO_ULAW : ULAW_TO_ALAW;
    }

    public static short alawToLinear(byte encoded) {
        int a = (encoded & 0xFF) ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }

    public static short ulawToLinear(byte encoded) {
        int u = ~encoded & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
    }

    private static int linearToAlaw(short sample) {
        int pcm = sample >> 3;  // A-law works on 13-bit magnitude
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;  // sign bit set, even bits inverted
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int seg = segment(pcm, SEG_AEND);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int aval = seg << 4;
        aval |= seg < 2 ? (pcm >> 1) & 0x0F : (pcm >> seg) & 0x0F;
        return aval ^ mask;
    }

    private static int linearToUlaw(short sample) {
        int pcm = sample >> 2;  // µ-law works on 14-bit magnitude
        int mask;
        if (pcm < 0) {
            pcm = -pcm;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (pcm > ULAW_CLIP) {
            pcm = ULAW_CLIP;
        }
        pcm += ULAW_BIAS >> 2;
        int seg = segment(pcm, SEG_UEND);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        return ((seg << 4) | ((pcm >> (seg + 1)) & 0x0F)) ^ mask;
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }
}
