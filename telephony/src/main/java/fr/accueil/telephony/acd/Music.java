package fr.accueil.telephony.acd;

import fr.accueil.telephony.media.AudioClip;
import java.util.List;

/** A queue's waiting music for one caller: its pieces, looped. Used by the caller's thread only. */
final class Music {
    private final List<AudioClip> slices;
    private int next;

    Music(List<AudioClip> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("music needs at least one piece");
        }
        this.slices = slices;
    }

    AudioClip next() {
        AudioClip slice = slices.get(next);
        next = (next + 1) % slices.size();
        return slice;
    }
}
