package fr.accueil.server.agents;

import fr.accueil.core.routing.AgentId;
import fr.accueil.core.routing.AgentState;
import fr.accueil.core.routing.IllegalAgentTransitionException;
import fr.accueil.telephony.acd.AgentTarget;
import fr.accueil.telephony.registrar.Registrations;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The agent's own page (French, DSFR): state, registered phones, and the buttons that change the
 * state. The agent is the signed-in principal (see {@link AgentPageSecurity}); no request names an
 * agent, so nobody can change another agent's state from here. A refused transition answers 409 with
 * the page and a French explanation; a done one redirects (303) back to the page.
 */
@Controller
public class AgentPageController {
    /** The pause reasons offered; anything else is refused (400). */
    static final List<String> PAUSE_REASONS = List.of("Pause", "Formation", "Réunion", "Administratif");

    private final AgentDirectory directory;
    private final AgentStateChanger states;
    private final Registrations registrations;
    private final Clock clock;

    public AgentPageController(AgentDirectory directory, AgentStateChanger states, Registrations registrations, Clock clock) {
        this.directory = directory;
        this.states = states;
        this.registrations = registrations;
        this.clock = clock;
    }

    @GetMapping(AgentPageSecurity.LOGIN)
    public String login(@RequestParam(name = "erreur", required = false) String error,
                        @RequestParam(name = "bloque", required = false) String blocked,
                        @RequestParam(name = "fin", required = false) String ended, Model model) {
        if (blocked != null) {
            model.addAttribute("erreur", "Trop de tentatives de connexion ont échoué depuis votre poste. Réessayez dans quelques minutes.");
        } else if (error != null) {
            model.addAttribute("erreur", "Identifiant ou mot de passe incorrect. Utilisez les identifiants SIP de votre téléphone.");
        }
        if (ended != null) {
            model.addAttribute("info", "Votre session est fermée.");
        }
        return "agent/connexion";
    }

    @GetMapping("/agent")
    public ModelAndView page(Principal principal) {
        return view(principal, null, HttpStatus.OK);
    }

    @PostMapping("/agent/etat")
    public Object change(Principal principal, @RequestParam(name = "etat", required = false) String target,
                         @RequestParam(name = "motif", required = false) String reason, RedirectAttributes redirect) {
        AgentAccount account = accountOf(principal);
        AgentTarget wanted;
        try {
            wanted = AgentTarget.valueOf(target == null ? "" : target);
        } catch (IllegalArgumentException e) {
            return view(principal, "Demande non reconnue.", HttpStatus.BAD_REQUEST);
        }
        if (wanted == AgentTarget.PAUSED && !PAUSE_REASONS.contains(reason)) {
            return view(principal, "Choisissez un motif de pause dans la liste.", HttpStatus.BAD_REQUEST);
        }
        try {
            states.changeState(account.profile().id(), wanted, wanted == AgentTarget.PAUSED ? reason : null);
        } catch (IllegalAgentTransitionException e) {
            return view(principal, "Changement impossible : vous êtes « " + label(e.current()) + " » et ne pouvez pas passer à « "
                    + label(wanted) + " »." + hint(e.current(), wanted), HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("info", switch (wanted) {
            case AVAILABLE -> "Vous êtes disponible : les appels peuvent vous être présentés.";
            case PAUSED -> "Vous êtes en pause (" + reason + ").";
            case LOGGED_OUT -> "Vous êtes déconnecté : aucun appel ne vous sera présenté.";
        });
        RedirectView back = new RedirectView("/agent");
        back.setStatusCode(HttpStatus.SEE_OTHER);
        return back;
    }

    private ModelAndView view(Principal principal, String error, HttpStatus status) {
        AgentAccount account = accountOf(principal);
        AgentId id = account.profile().id();
        AgentState state = states.stateOf(id).orElse(AgentState.LOGGED_OUT);
        int phones = registrations.current(account.username(), clock.instant()).size();
        ModelAndView view = new ModelAndView("agent/poste", status);
        view.addObject("nom", account.profile().name());
        view.addObject("identifiant", account.username());
        view.addObject("etat", label(state));
        view.addObject("enPause", state instanceof AgentState.Paused);
        view.addObject("deconnecte", state instanceof AgentState.LoggedOut);
        view.addObject("telephones", phones == 0 ? "Aucun téléphone enregistré"
                : phones == 1 ? "1 téléphone enregistré" : phones + " téléphones enregistrés");
        view.addObject("sansTelephone", phones == 0);
        view.addObject("motifs", PAUSE_REASONS);
        if (error != null) {
            view.addObject("erreur", error);
        }
        return view;
    }

    private AgentAccount accountOf(Principal principal) {
        // The principal comes from AgentPasswordAuthentication, which only signs in configured accounts.
        return directory.byUsername(principal.getName()).orElseThrow(() -> new IllegalStateException("no agent " + principal.getName()));
    }

    static String label(AgentState state) {
        return switch (state) {
            case AgentState.LoggedOut ignored -> "Déconnecté";
            case AgentState.Available ignored -> "Disponible";
            case AgentState.Paused p -> "En pause (" + (AgentState.Paused.NO_ANSWER.equals(p.reason()) ? "appel sans réponse" : p.reason()) + ")";
            case AgentState.Ringing ignored -> "Appel en présentation";
            case AgentState.OnContact ignored -> "En communication";
            case AgentState.WrapUp ignored -> "Après-appel";
        };
    }

    static String label(AgentTarget target) {
        return switch (target) {
            case AVAILABLE -> "Disponible";
            case PAUSED -> "En pause";
            case LOGGED_OUT -> "Déconnecté";
        };
    }

    private static String hint(AgentState current, AgentTarget wanted) {
        if (label(current).startsWith(label(wanted))) {
            return " Vous l’êtes déjà.";
        }
        if (current instanceof AgentState.LoggedOut && wanted == AgentTarget.PAUSED) {
            return " Choisissez d’abord « Disponible » pour vous connecter.";
        }
        if (current instanceof AgentState.Ringing || current instanceof AgentState.OnContact) {
            return " Terminez d’abord l’appel en cours.";
        }
        return "";
    }
}
