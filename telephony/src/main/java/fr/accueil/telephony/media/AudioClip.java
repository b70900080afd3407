package fr.accueil.telephony.media;

import java.time.Duration;
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

    @Override
    public String toString() {
        return name + " (" + duration().toMillis() + " ms)";
    }
}
