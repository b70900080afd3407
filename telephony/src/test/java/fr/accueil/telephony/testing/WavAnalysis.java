package fr.accueil.telephony.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes 16-bit PCM WAV files and measures their energy, so tests can assert that a
 * peer "heard a non-silent prompt" rather than just "received packets".
 *
 * <p>Stateless and thread-safe. Only the formats the test peers meet are supported: RIFF/WAVE,
 * PCM 16-bit little-endian, any rate, mono or interleaved stereo (mixed down to mono).
 */
public final class WavAnalysis {

    /**
     * RMS below which audio counts as silence: about -50 dBFS. G.711 silence decodes to ±8 at most
     * (RMS &lt; 10), comfort noise stays below ~30, while a spoken prompt is typically several hundred.
     */
    public static final double DEFAULT_SILENCE_RMS = 100.0;

    private WavAnalysis() {
    }

    /** Mono PCM samples and their sample rate. */
    public record Pcm(int sampleRate, short[] samples) {
        public double durationSeconds() {
            return samples.length / (double) sampleRate;
        }

        public double rms() {
            return WavAnalysis.rms(samples);
        }

        public boolean isSilent() {
            return WavAnalysis.isSilent(samples);
        }
    }

    public static double rms(short[] samples) {
        return rms(samples, 0, samples.length);
    }

    public static double rms(short[] samples, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** Silent unless the loudest 100 ms window exceeds {@link #DEFAULT_SILENCE_RMS}. */
    public static boolean isSilent(short[] samples) {
        return isSilent(samples, 8000, DEFAULT_SILENCE_RMS);
    }

    /**
     * Checks the loudest 100 ms window rather than the whole signal, so a short prompt within a long
     * recording of silence still counts as heard.
     */
    public static boolean isSilent(short[] samples, int sampleRate, double thresholdRms) {
        return peakWindowRms(samples, Math.max(1, sampleRate / 10)) < thresholdRms;
    }

    /** RMS of the loudest window of {@code window} samples (non-overlapping windows). */
    public static double peakWindowRms(short[] samples, int window) {
        double peak = 0;
        for (int from = 0; from < samples.length; from += window) {
            peak = Math.max(peak, rms(samples, from, Math.min(samples.length, from + window)));
        }
        return peak;
    }

    public static Pcm read(Path wav) {
        try {
            return parse(Files.readAllBytes(wav));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Pcm parse(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || buf.getInt(0) != 0x46464952 || buf.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF/WAVE file (" + bytes.length + " bytes)");
        }
        int pos = 12;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= bytes.length) {
            int id = buf.getInt(pos);
            int size = buf.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = buf.getShort(body) & 0xFFFF;
                channels = buf.getShort(body + 2);
                rate = buf.getInt(body + 4);
                bits = buf.getShort(body + 14);
                if ((format != 1 && format != 0xFFFE) || bits != 16) {
                    throw new IllegalArgumentException("only 16-bit PCM supported, got format " + format + " bits " + bits);
                }
            } else if (id == 0x61746164) { // "data"
                if (channels == 0) {
                    throw new IllegalArgumentException("data chunk before fmt chunk");
                }
                // Writers that are killed before closing leave size 0 or 0xFFFFFFFF: read to the end.
                int available = bytes.length - body;
                int length = size <= 0 || size > available ? available : size;
                int frames = length / (2 * channels);
                short[] mono = new short[frames];
                for (int f = 0; f < frames; f++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += buf.getShort(body + 2 * (f * channels + c));
                    }
                    mono[f] = (short) (sum / channels);
                }
                return new Pcm(rate, mono);
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    public static void write(Path wav, Pcm pcm) {
        try {
            Files.write(wav, toBytes(pcm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] toBytes(Pcm pcm) {
        int dataLength = pcm.samples().length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataLength).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + dataLength).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(dataLength);
        for (short s : pcm.samples()) {
            b.putShort(s);
        }
        return b.array();
    }

    /** Growable sample buffer, for recorders. Not thread-safe. */
    static final class SampleBuffer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int maxSamples;
        private int count;

        SampleBuffer(int maxSamples) {
            this.maxSamples = maxSamples;
        }

        void append(short[] samples) {
            for (short s : samples) {
                if (count >= maxSamples) {
                    return;
                }
                out.write(s & 0xFF);
                out.write((s >> 8) & 0xFF);
                count++;
            }
        }

        short[] toArray() {
            byte[] bytes = out.toByteArray();
            short[] s = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        }
    }
}
