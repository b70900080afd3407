package fr.accueil.telephony.media;

import fr.accueil.telephony.sdp.AudioCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class G711Test {

    @ParameterizedTest
    @CsvSource({
            // pcm, A-law, µ-law (ITU-T G.711 tables / Sun g711.c)
            "0, D5, FF",
            "-1, 55, 7E",
            "8, D5, FE",
            "32767, AA, 80",
            "-32768, 2A, 00",
            "1000, FA, CE",
            "-1000, 7A, 4E",
    })
    void encodesKnownValues(short pcm, String alaw, String ulaw) {
        assertThat(G711.alaw(pcm) & 0xFF).isEqualTo(Integer.parseInt(alaw, 16));
        assertThat(G711.ulaw(pcm) & 0xFF).isEqualTo(Integer.parseInt(ulaw, 16));
    }

    @Test
    void silenceBytes() {
        assertThat(G711.silence(AudioCodec.PCMA)).isEqualTo((byte) 0xD5);
        assertThat(G711.silence(AudioCodec.PCMU)).isEqualTo((byte) 0xFF);
    }

    @Test
    void encodingIsMonotonicInTheDecodedDomain() {
        for (AudioCodec codec : AudioCodec.values()) {
            int previous = Integer.MIN_VALUE;
            for (int i = Short.MIN_VALUE; i <= Short.MAX_VALUE; i++) {
                int decoded = G711.decode(codec, G711.encode(codec, (short) i));
                assertThat(decoded).as("%s at %d", codec, i).isGreaterThanOrEqualTo(previous);
                previous = decoded;
            }
        }
    }

    @Test
    void decodingRoundTripsWithinTheCompandingStep() {
        for (int i = Short.MIN_VALUE; i <= Short.MAX_VALUE; i += 7) {
            short s = (short) i;
            for (AudioCodec codec : AudioCodec.values()) {
                short back = G711.decode(codec, G711.encode(codec, s));
                // the step grows with the magnitude: about 1/16 of it at worst, plus the clip at the top
                assertThat(Math.abs(back - s)).as("%s %d -> %d", codec, s, back).isLessThanOrEqualTo(Math.abs(s) / 15 + 40);
            }
        }
    }

    @Test
    void framesAreSharedPerClipAndCodecAndPaddedWithSilence() {
        short[] samples = new short[170];
        java.util.Arrays.fill(samples, (short) 1000);
        AudioClip clip = AudioClip.ofPcm16("test", samples);

        EncodedFrames alaw = EncodedFrames.of(clip, AudioCodec.PCMA);

        assertThat(EncodedFrames.of(clip, AudioCodec.PCMA)).isSameAs(alaw);
        assertThat(EncodedFrames.of(clip, AudioCodec.PCMU)).isNotSameAs(alaw);
        assertThat(alaw.frameCount()).isEqualTo(2);
        assertThat(alaw.data()[169]).isEqualTo((byte) 0xFA);
        assertThat(alaw.data()[170]).isEqualTo((byte) 0xD5);
        assertThat(alaw.data()[319]).isEqualTo((byte) 0xD5);
    }
}
