package fr.accueil.telephony.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A piece of audio ready to play: 8 kHz mono signed 16-bit PCM. Immutable and shared by every call
 * that plays it; encoded frames per codec are computed once per clip by the media engine.
 */
public final class AudioClip {
    public static final int SAMPLE_RATE = 8000;

    private final String name;
    private final short[] samples;

    private AudioClip(String name, short[] samples) {
        this.name = Objects.requireNonNull(name, "name");
        this.samples = samples;
    }

    public static AudioClip ofPcm16(String name, short[] samples) {
        return new AudioClip(name, samples.clone());
    }

    public static AudioClip silence(Duration duration) {
        return new AudioClip("silence-" + duration.toMillis() + "ms", new short[(int) (duration.toMillis() * SAMPLE_RATE / 1000)]);
    }

    public String name() {
        return name;
    }

    /** The samples; callers must not modify the array. */
    short[] samples() {
        return samples;
    }

    public int sampleCount() {
        return samples.length;
    }

    public Duration duration() {
        return Duration.ofMillis(samples.length * 1000L / SAMPLE_RATE);
    }

    /**
     * This clip cut into consecutive pieces of {@code length} (the last one may be shorter), so that a
     * long clip (waiting music) can be played piece by piece and the caller's thread can act between
     * pieces. Each call makes new clips: cache the result for a clip played often.
     */
    public List<AudioClip> slices(Duration length) {
        int step = (int) (length.toMillis() * SAMPLE_RATE / 1000);
        if (step <= 0) {
            throw new IllegalArgumentException("slice length must be at least one sample: " + length);
        }
        List<AudioClip> pieces = new ArrayList<>();
        for (int from = 0, k = 0; from < samples.length; from += step, k++) {
            pieces.add(new AudioClip(name + "#" + k, Arrays.copyOfRange(samples, from, Math.min(samples.length, from + step))));
        }
        return List.copyOf(pieces);
    }

    @Override
    public String toString() {
        return name + " (" + duration().toMillis() + " ms)";
    }
}
