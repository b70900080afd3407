package fr.accueil.telephony.testing;

/**
 * G.711 A-law and µ-law (ITU-T G.711), written again here on purpose: the test peers must not share
 * code with the production media stack, so a bug there cannot hide itself in the tests.
 *
 * <p>Stateless and thread-safe.
 */
public final class G711 {

    /** A-law byte for a zero sample (0x55 with even bits inverted). */
    public static final byte ALAW_SILENCE = (byte) 0xD5;
    /** µ-law byte for a zero sample. */
    public static final byte ULAW_SILENCE = (byte) 0xFF;

    private G711() {
    }

    public static short alawToLinear(byte b) {
        int a = (b ^ 0x55) & 0xFF;
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

    public static short ulawToLinear(byte b) {
        int u = ~b & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    public static byte linearToAlaw(short sample) {
        int pcm = sample;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int[] segEnd = {0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF, 0x3FFF, 0x7FFF};
        int seg = 0;
        while (seg < 8 && pcm > segEnd[seg]) {
            seg++;
        }
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int aval = seg << 4;
        aval |= seg < 2 ? (pcm >> 4) & 0x0F : (pcm >> (seg + 3)) & 0x0F;
        return (byte) (aval ^ mask);
    }

    public static byte linearToUlaw(short sample) {
        final int bias = 0x84;
        final int clip = 32635;
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) {
            pcm = -pcm;
        }
        if (pcm > clip) {
            pcm = clip;
        }
        pcm += bias;
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Decodes a payload of the static payload type {@code pt} (0 = PCMU, 8 = PCMA). */
    public static short[] decode(int pt, byte[] payload, int offset, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            byte b = payload[offset + i];
            out[i] = pt == 8 ? alawToLinear(b) : ulawToLinear(b);
        }
        return out;
    }

    public static byte encode(int pt, short sample) {
        return pt == 8 ? linearToAlaw(sample) : linearToUlaw(sample);
    }

    public static byte silence(int pt) {
        return pt == 8 ? ALAW_SILENCE : ULAW_SILENCE;
    }
}
