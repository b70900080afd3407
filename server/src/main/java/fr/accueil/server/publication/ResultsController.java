package fr.accueil.server.publication;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public results site through Spring MVC, for the requests {@link PublishedPagesFilter} leaves
 * to it (with a query string, say): the same {@link PublishedPages}, written the same way.
 */
@RestController
public class ResultsController {
    private final PublishedPages pages;

    public ResultsController(PublishedPages pages) {
        this.pages = pages;
    }

    @GetMapping({"/", "/resultats"})
    public void home(HttpServletRequest request, HttpServletResponse response) throws IOException {
        pages.home().writeTo(request, response);
    }

    @GetMapping("/resultats/methodologie")
    public void methodology(HttpServletRequest request, HttpServletResponse response) throws IOException {
        pages.methodology().writeTo(request, response);
    }

    @GetMapping("/resultats/{administration}")
    public void administration(@PathVariable String administration, HttpServletRequest request,
                               HttpServletResponse response) throws IOException {
        pages.administration(administration).writeTo(request, response);
    }
}
