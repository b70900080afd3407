package fr.accueil.server.publication;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the public results pages ahead of every other filter (observation, Spring Security) and of
 * Spring MVC: they are public, the same for everyone and already rendered, so the cost of a request
 * is a path comparison and a write (the results page target is p99 under 50 ms at 200 concurrent
 * clients on two cores; through the whole chain it was over 1 s, see docs/benchmarks.md).
 *
 * <p>Only plain {@code GET}/{@code HEAD} requests for the exact paths are taken: a query string, an
 * encoded character or any other path goes down the chain as before (to {@link ResultsController},
 * the security firewall, the error pages). Stateless and thread-safe.
 */
public final class PublishedPagesFilter implements Filter {
    private static final String ADMINISTRATION_PREFIX = "/resultats/";

    private final PublishedPages pages;

    public PublishedPagesFilter(PublishedPages pages) {
        this.pages = pages;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
            RenderedPage page = pageFor(request);
            if (page != null) {
                page.writeTo(request, response);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** Null when the request is not one this filter answers. */
    private RenderedPage pageFor(HttpServletRequest request) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method)) || request.getQueryString() != null
                || !request.getContextPath().isEmpty()) {
            return null;
        }
        String path = request.getRequestURI();
        if (path.equals("/") || path.equals("/resultats")) {
            return pages.home();
        }
        if (path.equals("/resultats/methodologie")) {
            return pages.methodology();
        }
        if (path.startsWith(ADMINISTRATION_PREFIX)) {
            String slug = path.substring(ADMINISTRATION_PREFIX.length());
            // Malformed slugs (encoded characters, path parameters, ...) meet the firewall first.
            return PublishedPages.SLUG.matcher(slug).matches() ? pages.administration(slug) : null;
        }
        return null;
    }
}
