package fr.accueil.telephony.media;

import fr.accueil.telephony.sdp.AudioCodec;

import java.nio.ByteBuffer;

/**
 * DTMF detection in received G.711 audio (ITU-T Q.23 frequency pairs), for callers whose gateway
 * sends the keys as tones instead of RFC 4733 events.
 *
 * <p>Each 20 ms frame (160 samples) runs the Goertzel recurrence at the eight DTMF frequencies. A
 * frame holds a digit when the frame is loud enough, the strongest low and high tones together carry
 * most of its energy (speech and music spread theirs), each carries a fair share of it, their levels
 * are within 8 dB of each other (twist) and each stands 6 dB clear of the other tones of its group.
 * A digit is reported once it holds for two consecutive frames (40 ms; Q.24 asks for 40 ms
 * minimum), and not again until two frames without it (a pause between presses).
 *
 * <p>Threading: confined to the engine's receiver thread; no allocation per frame.
 */
final class InbandDtmfDetector {
    private static final int N = 160;
    private static final double[] LOW = {697, 770, 852, 941};
    private static final double[] HIGH = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {
            {'1', '2', '3', 'A'},
            {'4', '5', '6', 'B'},
            {'7', '8', '9', 'C'},
            {'*', '0', '#', 'D'}};
    private static final double MIN_MEAN_SQUARE = 200.0 * 200.0;  // about -44 dBFS: quieter is line noise
    private static final double MIN_PAIR_SHARE = 0.7;
    private static final double MIN_TONE_SHARE = 0.15;
    private static final double MAX_TWIST = 6.3;  // 8 dB in power
    private static final double GROUP_CLEARANCE = 4.0;  // 6 dB
    private static final double[] LOW_COEFF = new double[4];
    private static final double[] HIGH_COEFF = new double[4];

    static {
        for (int i = 0; i < 4; i++) {
            LOW_COEFF[i] = 2 * Math.cos(2 * Math.PI * LOW[i] / AudioClip.SAMPLE_RATE);
            HIGH_COEFF[i] = 2 * Math.cos(2 * Math.PI * HIGH[i] / AudioClip.SAMPLE_RATE);
        }
    }

    private final TelephoneEventDecoder.DigitSink sink;
    private final double[] samples = new double[N];
    private final double[] lowPower = new double[4];
    private final double[] highPower = new double[4];
    private char candidate;
    private int candidateFrames;
    private boolean reported;
    private int quietFrames;

    InbandDtmfDetector(TelephoneEventDecoder.DigitSink sink) {
        this.sink = sink;
    }

    /** One received frame: {@code length} G.711 bytes at {@code offset} of {@code packet}. */
    void onFrame(AudioCodec codec, ByteBuffer packet, int offset, int length) {
        if (length != N) {
            return;  // not ptime 20: we negotiated 20, a peer sending otherwise gets RFC 4733 only
        }
        for (int i = 0; i < N; i++) {
            samples[i] = G711.decode(codec, packet.get(offset + i));
        }
        onSamples(samples);
    }

    void onSamples(double[] frame) {
        char digit = classify(frame);
        if (digit == 0) {
            if (++quietFrames >= 2) {
                reported = false;
                candidate = 0;
                candidateFrames = 0;
            }
            return;
        }
        quietFrames = 0;
        if (digit != candidate) {
            candidate = digit;
            candidateFrames = 1;
            reported = false;
            return;
        }
        candidateFrames++;
        if (candidateFrames >= 2 && !reported) {
            reported = true;
            sink.digit(digit);
        }
    }

    private char classify(double[] x) {
        double energy = 0;
        for (int i = 0; i < N; i++) {
            energy += x[i] * x[i];
        }
        if (energy / N < MIN_MEAN_SQUARE) {
            return 0;
        }
        for (int f = 0; f < 4; f++) {
            lowPower[f] = goertzel(x, LOW_COEFF[f]);
            highPower[f] = goertzel(x, HIGH_COEFF[f]);
        }
        int row = strongest(lowPower);
        int col = strongest(highPower);
        // A pure tone of amplitude A gives Goertzel power (A·N/2)² and frame energy N·A²/2.
        double scale = energy * N / 2;
        double rowShare = lowPower[row] / scale;
        double colShare = highPower[col] / scale;
        if (rowShare < MIN_TONE_SHARE || colShare < MIN_TONE_SHARE || rowShare + colShare < MIN_PAIR_SHARE) {
            return 0;
        }
        if (lowPower[row] > MAX_TWIST * highPower[col] || highPower[col] > MAX_TWIST * lowPower[row]) {
            return 0;
        }
        if (!clear(lowPower, row) || !clear(highPower, col)) {
            return 0;
        }
        return KEYS[row][col];
    }

    private static double goertzel(double[] x, double coeff) {
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < N; i++) {
            double s = x[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    private static int strongest(double[] power) {
        int best = 0;
        for (int i = 1; i < power.length; i++) {
            if (power[i] > power[best]) {
                best = i;
            }
        }
        return best;
    }

    private static boolean clear(double[] power, int best) {
        for (int i = 0; i < power.length; i++) {
            if (i != best && power[i] * GROUP_CLEARANCE > power[best]) {
                return false;
            }
        }
        return true;
    }
}
