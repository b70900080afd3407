package fr.accueil.telephony.media;

import fr.accueil.telephony.sdp.AudioCodec;

/**
 * One {@code play} request: the clips' encoded frames and the position in them. The position is
 * advanced only by the pacer thread that owns the session; {@link #finished} is published to the
 * call's thread. Frames are encoded for the codec negotiated when {@code play} began; if a re-INVITE
 * switches codec mid-playback, the rest of it goes out as silence (still paced, so play returns on time).
 */
final class Playback {
    private final EncodedFrames[] clips;
    final AudioCodec codec;
    private int clip;
    private int frame;
    volatile boolean finished;

    Playback(EncodedFrames[] clips, AudioCodec codec) {
        this.clips = clips;
        this.codec = codec;
        skipEmptyClips();
    }

    boolean exhausted() {
        return clip >= clips.length;
    }

    byte[] data() {
        return clips[clip].data();
    }

    int offset() {
        return frame * EncodedFrames.FRAME_BYTES;
    }

    /** Moves to the next frame. @return true when that was the last frame. */
    boolean advance() {
        frame++;
        if (frame >= clips[clip].frameCount()) {
            clip++;
            frame = 0;
            skipEmptyClips();
        }
        return exhausted();
    }

    private void skipEmptyClips() {
        while (clip < clips.length && clips[clip].frameCount() == 0) {
            clip++;
        }
    }
}
