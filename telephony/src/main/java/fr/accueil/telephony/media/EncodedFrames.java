package fr.accueil.telephony.media;

import fr.accueil.telephony.sdp.AudioCodec;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clip encoded for one codec as consecutive 160-byte frames (20 ms at 8 kHz), the last one padded
 * with encoded silence. The pacer copies straight from {@link #data()} into its packet buffer.
 *
 * <p>{@link #of} caches per clip (weakly, so clips composed on the fly do not leak) and per codec:
 * every call playing the same prompt shares one array. Thread-safe; encoding happens on the caller's
 * thread (the call's virtual thread in {@code play}), never on a pacer thread.
 */
final class EncodedFrames {
    static final int FRAME_BYTES = 160;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Map<AudioClip, EncodedFrames[]> CACHE = new WeakHashMap<>();

    private final byte[] data;
    private final int frameCount;

    private EncodedFrames(byte[] data) {
        this.data = data;
        this.frameCount = data.length / FRAME_BYTES;
    }

    static EncodedFrames of(AudioClip clip, AudioCodec codec) {
        LOCK.lock();
        try {
            EncodedFrames[] perCodec = CACHE.get(clip);
            if (perCodec != null && perCodec[codec.ordinal()] != null) {
                return perCodec[codec.ordinal()];
            }
        } finally {
            LOCK.unlock();
        }
        EncodedFrames encoded = encode(clip, codec);  // outside the lock: another thread may race, harmless
        LOCK.lock();
        try {
            EncodedFrames[] perCodec = CACHE.computeIfAbsent(clip, c -> new EncodedFrames[AudioCodec.values().length]);
            if (perCodec[codec.ordinal()] == null) {
                perCodec[codec.ordinal()] = encoded;
            }
            return perCodec[codec.ordinal()];
        } finally {
            LOCK.unlock();
        }
    }

    static EncodedFrames silence(AudioCodec codec) {
        byte[] frame = new byte[FRAME_BYTES];
        java.util.Arrays.fill(frame, G711.silence(codec));
        return new EncodedFrames(frame);
    }

    private static EncodedFrames encode(AudioClip clip, AudioCodec codec) {
        short[] samples = clip.samples();
        int frames = (samples.length + FRAME_BYTES - 1) / FRAME_BYTES;
        byte[] data = new byte[frames * FRAME_BYTES];
        for (int i = 0; i < samples.length; i++) {
            data[i] = G711.encode(codec, samples[i]);
        }
        java.util.Arrays.fill(data, samples.length, data.length, G711.silence(codec));
        return new EncodedFrames(data);
    }

    byte[] data() {
        return data;
    }

    int frameCount() {
        return frameCount;
    }
}
