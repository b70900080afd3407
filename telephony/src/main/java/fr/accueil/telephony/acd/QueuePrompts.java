package fr.accueil.telephony.acd;

import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.speech.FrenchSpeech;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What queued callers, agents and callback citizens hear (prompts/fr/texts.tsv), and how announcements are composed. */
final class QueuePrompts {
    static final PromptRef POSITION = PromptRef.of("file/position");
    static final PromptRef IN_QUEUE = PromptRef.of("file/en-attente");
    static final PromptRef NEXT = PromptRef.of("file/prochain");
    static final PromptRef ESTIMATE = PromptRef.of("file/estimation");
    static final PromptRef UNDER_A_MINUTE = PromptRef.of("file/moins-d-une-minute");
    static final PromptRef NO_AGENTS = PromptRef.of("file/aucun-conseiller");
    static final PromptRef OVERFLOW = PromptRef.of("file/debordement");
    static final PromptRef AGENT_LOST = PromptRef.of("file/conseiller-deconnecte");
    static final PromptRef TRANSFER_TO_SERVICE = PromptRef.of("file/transfert-service");
    static final PromptRef TRANSFER_TO_NUMBER = PromptRef.of("file/transfert-numero");
    static final PromptRef CALLBACK_OFFER = PromptRef.of("rappel/proposition");
    static final PromptRef CALLBACK_CONFIRM_NUMBER = PromptRef.of("rappel/confirmer-numero");
    static final PromptRef CALLBACK_TYPE_NUMBER = PromptRef.of("rappel/saisir-numero");
    static final PromptRef CALLBACK_INVALID_NUMBER = PromptRef.of("rappel/numero-invalide");
    static final PromptRef CALLBACK_SAVED = PromptRef.of("rappel/enregistre");
    static final PromptRef CALLBACK_FOR_AGENT = PromptRef.of("rappel/agent");
    static final PromptRef SURVEY_QUESTION = PromptRef.of("enquete/question");
    static final PromptRef SURVEY_THANKS = PromptRef.of("enquete/merci");
    static final PromptRef GOODBYE = PromptRef.of("systeme/au-revoir");
    static final PromptRef TRANSFER_FAILED = PromptRef.of("systeme/transfert-impossible");
    static final PromptRef TECHNICAL_ERROR = PromptRef.of("systeme/erreur-technique");
    static final PromptRef STAR = PromptRef.of("parole/touche/etoile");
    static final PromptRef HASH = PromptRef.of("parole/touche/diese");
    static final PromptRef MINUTE = PromptRef.of("parole/minute");
    static final PromptRef MINUTES = PromptRef.of("parole/minutes");
    /** "une minute": minute is feminine. */
    static final PromptRef ONE_FEMININE = PromptRef.of("parole/nombre/une");

    private QueuePrompts() {
    }

    /** "Vous êtes le prochain à être servi." or "Vous êtes en position 3 dans la file d'attente." */
    static List<PromptRef> position(int position) {
        if (position <= 1) {
            return List.of(NEXT);
        }
        List<PromptRef> words = new ArrayList<>();
        words.add(POSITION);
        words.addAll(FrenchSpeech.number(Math.min(position, FrenchSpeech.MAX_NUMBER)));
        words.add(IN_QUEUE);
        return words;
    }

    /**
     * "Votre temps d'attente est estimé à 4 minutes": the estimate rounded up to the minute (a caller
     * prefers being served early to late), "moins d'une minute" under 60 s.
     */
    static List<PromptRef> estimate(Duration wait) {
        List<PromptRef> words = new ArrayList<>();
        words.add(ESTIMATE);
        long minutes = (wait.toSeconds() + 59) / 60;
        if (wait.toSeconds() < 60) {
            words.add(UNDER_A_MINUTE);
            return words;
        }
        int said = (int) Math.min(minutes, FrenchSpeech.MAX_NUMBER);
        words.addAll(said == 1 ? List.of(ONE_FEMININE) : FrenchSpeech.number(said));
        words.add(said == 1 ? MINUTE : MINUTES);
        return words;
    }

    /** "Pour être rappelé sans perdre votre place dans la file, tapez 9." */
    static List<PromptRef> callbackOffer(char key) {
        List<PromptRef> words = new ArrayList<>();
        words.add(CALLBACK_OFFER);
        words.addAll(key(key));
        return words;
    }

    static List<PromptRef> key(char key) {
        return switch (key) {
            case '*' -> List.of(STAR);
            case '#' -> List.of(HASH);
            default -> FrenchSpeech.number(key - '0');
        };
    }
}
