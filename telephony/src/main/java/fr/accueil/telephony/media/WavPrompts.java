package fr.accueil.telephony.media;

import fr.accueil.core.directory.PromptRef;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompts read from {@code NAME.wav} files along a search path: an administration's own recordings
 * directory first, then the generated default prompts ({@code prompts/fr}); the first directory
 * holding the file wins. Names may contain '/' for sub-directories ({@link PromptRef} forbids "..").
 *
 * <p>8 kHz mono signed 16-bit PCM is used as is. Other PCM rates, sample sizes, channel counts and
 * G.711 WAVs are converted with javax.sound.sampled (channels mixed down by averaging, the rate by
 * the JDK's resampler). A file that cannot be used raises {@link MissingPromptException} naming the
 * file and the reason.
 *
 * <p>Threading: safe from any thread; each prompt is loaded once and cached until {@link #reload()}
 * (two threads asking for the same new prompt may both load it; one result wins).
 */
public final class WavPrompts implements Prompts {
    private static final AudioFormat NATIVE = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, AudioClip.SAMPLE_RATE, 16, 1, 2,
            AudioClip.SAMPLE_RATE, false);
    private static final long MAX_SAMPLES = 30L * 60 * AudioClip.SAMPLE_RATE;  // 30 minutes: anything longer is a mistake

    private final List<Path> searchPath;
    private final ConcurrentHashMap<String, AudioClip> cache = new ConcurrentHashMap<>();

    public WavPrompts(List<Path> searchPath) {
        if (searchPath.isEmpty()) {
            throw new IllegalArgumentException("the prompt search path is empty");
        }
        this.searchPath = List.copyOf(searchPath);
    }

    /** An administration's override directory before the default prompts. */
    public static WavPrompts withOverride(Path overrideDir, Path defaultDir) {
        return new WavPrompts(List.of(overrideDir, defaultDir));
    }

    public List<Path> searchPath() {
        return searchPath;
    }

    @Override
    public AudioClip clip(PromptRef prompt) {
        AudioClip cached = cache.get(prompt.name());
        if (cached != null) {
            return cached;
        }
        Path file = locate(prompt).orElseThrow(() -> new MissingPromptException(
                "prompt '" + prompt.name() + "': no file " + prompt.name() + ".wav in " + searchPath));
        AudioClip loaded = load(prompt.name(), file);
        AudioClip raced = cache.putIfAbsent(prompt.name(), loaded);
        return raced != null ? raced : loaded;
    }

    @Override
    public boolean has(PromptRef prompt) {
        return cache.containsKey(prompt.name()) || locate(prompt).isPresent();
    }

    /** Drops every cached prompt: the next use reads the files again (after an administration uploads a recording). */
    public void reload() {
        cache.clear();
    }

    public Optional<Path> locate(PromptRef prompt) {
        for (Path dir : searchPath) {
            Path file = dir.resolve(prompt.name() + ".wav");
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    static AudioClip load(String name, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MissingPromptException("prompt file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try (AudioInputStream source = AudioSystem.getAudioInputStream(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
            short[] samples = toNative(source);
            if (samples.length == 0) {
                throw new MissingPromptException("prompt file " + file + " holds no audio samples");
            }
            if (samples.length > MAX_SAMPLES) {
                throw new MissingPromptException("prompt file " + file + " is longer than 30 minutes");
            }
            return AudioClip.ofPcm16(name, samples);
        } catch (UnsupportedAudioFileException e) {
            throw new MissingPromptException("prompt file " + file + " is not a WAV file we can read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new MissingPromptException("prompt file " + file + " cannot be converted to 8 kHz mono 16-bit PCM: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MissingPromptException("prompt file " + file + " is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private static short[] toNative(AudioInputStream source) throws IOException {
        AudioFormat format = source.getFormat();
        if (format.matches(NATIVE)) {
            return littleEndian16(source.readAllBytes(), 1);
        }
        // 1. any PCM/G.711 sample format -> signed 16-bit little-endian, same rate and channels
        int channels = format.getChannels();
        float rate = format.getSampleRate();
        AudioFormat pcm16 = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, 2 * channels, rate, false);
        AudioInputStream stream = format.matches(pcm16) ? source : AudioSystem.getAudioInputStream(pcm16, source);
        // 2. channels -> mono by averaging (done here: not every JDK converter changes channel counts)
        short[] mono = littleEndian16(stream.readAllBytes(), channels);
        if (rate == AudioClip.SAMPLE_RATE) {
            return mono;
        }
        // 3. sample rate -> 8 kHz with the JDK's resampler (AudioFloatFormatConverter)
        byte[] monoBytes = new byte[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            monoBytes[2 * i] = (byte) mono[i];
            monoBytes[2 * i + 1] = (byte) (mono[i] >> 8);
        }
        AudioFormat monoFormat = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, 1, 2, rate, false);
        try (InputStream in = new ByteArrayInputStream(monoBytes);
             AudioInputStream monoStream = new AudioInputStream(in, monoFormat, mono.length);
             AudioInputStream resampled = AudioSystem.getAudioInputStream(NATIVE, monoStream)) {
            return littleEndian16(resampled.readAllBytes(), 1);
        }
    }

    private static short[] littleEndian16(byte[] bytes, int channels) {
        int frames = bytes.length / (2 * channels);
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int i = 2 * (f * channels + c);
                sum += (short) ((bytes[i] & 0xFF) | (bytes[i + 1] << 8));
            }
            out[f] = (short) (sum / channels);
        }
        return out;
    }
}
