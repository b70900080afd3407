package fr.accueil.server.publication;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public results site, in French: home (each administration's quarter against the target),
 * one page per administration, and the methodology generated from the active rule set. Pages only
 * read prepared models ({@link ResultsPages}); no figure is computed in a template.
 */
@Controller
public class ResultsController {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final ResultsPages pages;

    public ResultsController(ResultsPages pages) {
        this.pages = pages;
    }

    @GetMapping({"/", "/resultats"})
    public String home(Model model) {
        model.addAttribute("page", pages.home());
        model.addAttribute("target", PickupTarget.PERCENT);
        return "resultats/accueil";
    }

    @GetMapping("/resultats/methodologie")
    public String methodology(Model model) {
        model.addAttribute("method", Methodology.of(pages.rules()));
        model.addAttribute("target", PickupTarget.PERCENT);
        return "resultats/methodologie";
    }

    @GetMapping("/resultats/{administration}")
    public String administration(@PathVariable String administration, Model model, HttpServletResponse response) {
        var page = SLUG.matcher(administration).matches() ? pages.administration(administration) : Optional.empty();
        if (page.isEmpty()) {
            // The French page, not the API's problem JSON: a visitor followed a wrong link.
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "error/404";
        }
        model.addAttribute("page", page.get());
        model.addAttribute("target", PickupTarget.PERCENT);
        return "resultats/administration";
    }
}
