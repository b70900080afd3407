package fr.accueil.telephony.acd;

import fr.accueil.core.directory.PromptRef;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.Prompts;

/** Every prompt is 30 ms of silence named after it; the waiting music lasts 1.2 s (three pieces). */
final class FakePrompts implements Prompts {
    private final AudioClip music = AudioClip.ofPcm16("attente-musique", new short[1200 * 8]);

    @Override
    public AudioClip clip(PromptRef prompt) {
        if (prompt.name().equals("attente-musique")) {
            return music;
        }
        return AudioClip.ofPcm16(prompt.name(), new short[30 * 8]);
    }

    @Override
    public boolean has(PromptRef prompt) {
        return true;
    }
}
