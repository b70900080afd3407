package fr.accueil.telephony.media;

import fr.accueil.telephony.sdp.AudioCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InbandDtmfDetectorTest {
    static final String KEYS = "123A456B789C*0#D";
    static final double[] LOW = {697, 770, 852, 941};
    static final double[] HIGH = {1209, 1336, 1477, 1633};

    private final List<Character> digits = new ArrayList<>();
    private final InbandDtmfDetector detector = new InbandDtmfDetector(digits::add);

    /** A key held {@code millis} then {@code pauseMillis} of silence, at -10 dBFS per tone. */
    static void dtmf(List<Short> out, char key, int millis, int pauseMillis) {
        int index = KEYS.indexOf(key);
        double low = LOW[index / 4];
        double high = HIGH[index % 4];
        for (int i = 0; i < millis * 8; i++) {
            double t = out.size() / 8000.0;
            out.add((short) (7000 * Math.sin(2 * Math.PI * low * t) + 7000 * Math.sin(2 * Math.PI * high * t)));
        }
        for (int i = 0; i < pauseMillis * 8; i++) {
            out.add((short) 0);
        }
    }

    /** Feeds the samples as G.711 packets the way the receiver does. */
    void feed(List<Short> samples, AudioCodec codec) {
        ByteBuffer packet = ByteBuffer.allocate(12 + 160);
        for (int f = 0; f + 160 <= samples.size(); f += 160) {
            for (int i = 0; i < 160; i++) {
                packet.put(12 + i, G711.encode(codec, samples.get(f + i)));
            }
            detector.onFrame(codec, packet, 12, 160);
        }
    }

    @ParameterizedTest
    @EnumSource(AudioCodec.class)
    void detectsEverySixteenKeysOnceEach(AudioCodec codec) {
        List<Short> samples = new ArrayList<>();
        for (char key : KEYS.toCharArray()) {
            dtmf(samples, key, 100, 80);
        }
        feed(samples, codec);
        assertThat(digits).containsExactlyElementsOf(KEYS.chars().mapToObj(c -> (char) c).toList());
    }

    @Test
    void aLongPressIsOneDigitAndTheSameKeyAgainAfterAPauseIsAnother() {
        List<Short> samples = new ArrayList<>();
        dtmf(samples, '5', 1000, 60);
        dtmf(samples, '5', 80, 60);
        feed(samples, AudioCodec.PCMA);
        assertThat(digits).containsExactly('5', '5');
    }

    @Test
    void ignoresSilenceNoiseSingleTonesAndChords() {
        List<Short> samples = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 8000; i++) {
            samples.add((short) 0);
        }
        for (int i = 0; i < 8000; i++) {
            samples.add((short) (random.nextGaussian() * 6000));
        }
        for (int i = 0; i < 8000; i++) {
            double t = i / 8000.0;
            samples.add((short) (12000 * Math.sin(2 * Math.PI * 697 * t)));  // the low tone alone
        }
        for (int i = 0; i < 8000; i++) {
            double t = i / 8000.0;  // a chord: 3 tones, two of them DTMF-like, plus harmonics
            samples.add((short) (5000 * Math.sin(2 * Math.PI * 770 * t) + 5000 * Math.sin(2 * Math.PI * 1336 * t)
                    + 5000 * Math.sin(2 * Math.PI * 1000 * t)));
        }
        for (int i = 0; i < 8000; i++) {
            double t = i / 8000.0;  // a vowel-like harmonic series at 140 Hz
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += 2500.0 / h * Math.sin(2 * Math.PI * 140 * h * t);
            }
            samples.add((short) v);
        }
        feed(samples, AudioCodec.PCMU);
        assertThat(digits).isEmpty();
    }

    @Test
    void tooShortAToneIsNotADigit() {
        List<Short> samples = new ArrayList<>();
        dtmf(samples, '9', 20, 100);  // one frame at most
        feed(samples, AudioCodec.PCMA);
        assertThat(digits).isEmpty();
    }
}
