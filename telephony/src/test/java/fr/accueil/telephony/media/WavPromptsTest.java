package fr.accueil.telephony.media;

import fr.accueil.core.directory.PromptRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavPromptsTest {
    @TempDir
    Path override;
    @TempDir
    Path defaults;

    /** Writes {@code seconds} of a 400 Hz tone (amplitude 10000) in the given PCM format. */
    static void writeTone(Path file, float rate, int bits, int channels, double seconds) throws Exception {
        Files.createDirectories(file.getParent());
        int frames = (int) (rate * seconds);
        int bytesPerSample = bits / 8;
        byte[] data = new byte[frames * channels * bytesPerSample];
        for (int f = 0; f < frames; f++) {
            int v = (int) (10000 * Math.sin(2 * Math.PI * 400 * f / rate));
            for (int c = 0; c < channels; c++) {
                int i = (f * channels + c) * bytesPerSample;
                if (bits == 8) {
                    data[i] = (byte) ((v >> 8) + 128);  // 8-bit WAV is unsigned
                } else {
                    data[i] = (byte) v;
                    data[i + 1] = (byte) (v >> 8);
                }
            }
        }
        AudioFormat format = new AudioFormat(bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED,
                rate, bits, channels, channels * bytesPerSample, rate, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(data), format, frames), AudioFileFormat.Type.WAVE, file.toFile());
    }

    private WavPrompts prompts() {
        return WavPrompts.withOverride(override, defaults);
    }

    static int peak(AudioClip clip) {
        int peak = 0;
        for (short s : clip.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    @Test
    void loadsNativeWavSampleForSample() throws Exception {
        writeTone(defaults.resolve("bienvenue.wav"), 8000, 16, 1, 0.5);
        AudioClip clip = prompts().clip(PromptRef.of("bienvenue"));
        assertThat(clip.sampleCount()).isEqualTo(4000);
        assertThat(clip.samples()[2]).isEqualTo((short) (10000 * Math.sin(2 * Math.PI * 400 * 2 / 8000.0)));
        assertThat(clip.name()).isEqualTo("bienvenue");
    }

    @Test
    void convertsOtherRatesSampleSizesAndChannels() throws Exception {
        writeTone(defaults.resolve("stereo16k.wav"), 16000, 16, 2, 1.0);
        writeTone(defaults.resolve("cd.wav"), 44100, 16, 1, 1.0);
        writeTone(defaults.resolve("eightbit.wav"), 8000, 8, 1, 1.0);
        WavPrompts prompts = prompts();
        for (String name : new String[]{"stereo16k", "cd", "eightbit"}) {
            AudioClip clip = prompts.clip(PromptRef.of(name));
            assertThat(clip.sampleCount()).as(name).isBetween(7900, 8100);
            assertThat(peak(clip)).as(name).isBetween(8500, 11000);
        }
    }

    @Test
    void overrideDirectoryWinsAndSubdirectoriesWork() throws Exception {
        writeTone(defaults.resolve("menu/choix.wav"), 8000, 16, 1, 1.0);
        writeTone(override.resolve("menu/choix.wav"), 8000, 16, 1, 0.25);
        writeTone(defaults.resolve("menu/autre.wav"), 8000, 16, 1, 0.5);
        WavPrompts prompts = prompts();
        assertThat(prompts.clip(PromptRef.of("menu/choix")).sampleCount()).isEqualTo(2000);
        assertThat(prompts.clip(PromptRef.of("menu/autre")).sampleCount()).isEqualTo(4000);
        assertThat(prompts.locate(PromptRef.of("menu/choix"))).contains(override.resolve("menu/choix.wav"));
    }

    @Test
    void missingPromptNamesTheFileLookedFor() {
        WavPrompts prompts = prompts();
        assertThat(prompts.has(PromptRef.of("absent"))).isFalse();
        assertThatThrownBy(() -> prompts.clip(PromptRef.of("absent")))
                .isInstanceOf(MissingPromptException.class)
                .hasMessageContaining("absent.wav")
                .hasMessageContaining(defaults.toString());
    }

    @Test
    void unusableFilesAreReportedWithFileAndReason() throws Exception {
        Files.writeString(defaults.resolve("texte.wav"), "this is not audio at all, just text");
        writeTone(defaults.resolve("coupe.wav"), 8000, 16, 1, 1.0);
        byte[] whole = Files.readAllBytes(defaults.resolve("coupe.wav"));
        Files.write(defaults.resolve("coupe.wav"), Arrays.copyOf(whole, 30));  // header cut short
        writeTone(defaults.resolve("vide.wav"), 8000, 16, 1, 0);
        WavPrompts prompts = prompts();
        for (String name : new String[]{"texte", "coupe", "vide"}) {
            assertThatThrownBy(() -> prompts.clip(PromptRef.of(name))).as(name)
                    .isInstanceOf(MissingPromptException.class)
                    .hasMessageContaining(defaults.resolve(name + ".wav").toString());
        }
    }

    @Test
    void cachesUntilReload() throws Exception {
        Path file = defaults.resolve("annonce.wav");
        writeTone(file, 8000, 16, 1, 0.5);
        WavPrompts prompts = prompts();
        AudioClip first = prompts.clip(PromptRef.of("annonce"));
        writeTone(file, 8000, 16, 1, 1.0);
        assertThat(prompts.clip(PromptRef.of("annonce"))).isSameAs(first);
        prompts.reload();
        AudioClip reloaded = prompts.clip(PromptRef.of("annonce"));
        assertThat(reloaded).isNotSameAs(first);
        assertThat(reloaded.sampleCount()).isEqualTo(8000);
        assertThat(prompts.has(PromptRef.of("annonce"))).isTrue();
    }
}
