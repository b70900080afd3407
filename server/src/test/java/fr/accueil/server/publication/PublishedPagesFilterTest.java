package fr.accueil.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The pages served ahead of Spring Security and MVC ({@link PublishedPagesFilter}) are those the
 * MVC path serves (a query string sends a request down the whole chain), with the same headers;
 * plus what the pre-rendered bytes add: gzip, entity tags, 304.
 */
class PublishedPagesFilterTest extends PublicSiteTestBase {
    private static final List<String> SAME_HEADERS = List.of("Content-Type", "Content-Length", "X-Content-Type-Options",
            "X-XSS-Protection", "X-Frame-Options", "ETag", "Vary", "Cache-Control", "Set-Cookie");

    @Autowired
    PublishedPages published;

    @Test
    void the_filter_and_the_mvc_path_serve_the_same_status_headers_and_bytes() throws Exception {
        for (String path : List.of("/", "/resultats", "/resultats/caf-demoville", "/resultats/methodologie", "/resultats/nulle-part")) {
            HttpResponse<byte[]> direct = send(path, "GET");
            HttpResponse<byte[]> throughMvc = send(path + "?par=mvc", "GET");
            assertThat(direct.statusCode()).as(path).isEqualTo(throughMvc.statusCode());
            assertThat(direct.body()).as(path).isEqualTo(throughMvc.body());
            for (String header : SAME_HEADERS) {
                assertThat(direct.headers().allValues(header)).as(path + " " + header).isEqualTo(throughMvc.headers().allValues(header));
            }
        }
        HttpResponse<byte[]> home = send("/resultats", "GET");
        assertThat(home.headers().firstValue("X-Frame-Options")).as("security headers on filter-served pages").hasValue("DENY");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(home.headers().firstValue("Cache-Control")).as("pages are not kept by browsers").isEmpty();
        assertThat(send("/resultats/nulle-part", "GET").statusCode()).isEqualTo(404);
        assertThat(send("/resultats/NOT_A_SLUG", "GET").statusCode()).as("left to the MVC path: its 404").isEqualTo(404);
    }

    @Test
    void a_client_whose_copy_is_current_gets_304_and_one_with_an_old_copy_gets_the_page() throws Exception {
        HttpResponse<byte[]> page = send("/resultats/methodologie", "GET");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> current = http.send(request("/resultats/methodologie", "GET").header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(current.statusCode()).isEqualTo(304);
        assertThat(current.body()).isEmpty();
        assertThat(current.headers().firstValue("ETag")).hasValue(etag);
        HttpResponse<byte[]> stale = http.send(request("/resultats/methodologie", "GET").header("If-None-Match", "\"autre\"").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(page.body());
        assertThat(send("/resultats/nulle-part", "GET").headers().firstValue("ETag")).as("no tag on a 404").isEmpty();
    }

    @Test
    void gzip_is_served_to_clients_that_accept_it_and_head_has_no_body() throws Exception {
        HttpResponse<byte[]> plain = send("/resultats/caf-demoville", "GET");
        HttpResponse<byte[]> zipped = http.send(request("/resultats/caf-demoville", "GET").header("Accept-Encoding", "br, gzip;q=0.8").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes()).isEqualTo(plain.body());
        assertThat(zipped.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
        HttpResponse<byte[]> refused = http.send(request("/resultats/caf-demoville", "GET").header("Accept-Encoding", "gzip;q=0").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("<h1>Caisse d&#39;allocations familiales de Démoville</h1>");

        HttpResponse<byte[]> head = send("/resultats/caf-demoville", "HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(plain.body().length));
    }

    @Test
    void other_methods_and_the_wallboard_are_not_taken_by_the_filter() throws Exception {
        assertThat(send("/resultats", "POST").statusCode()).as("no POST handler: MVC answers").isEqualTo(405);
        assertThat(send("/supervision", "GET").statusCode()).as("still behind Basic auth").isEqualTo(401);
    }

    @Test
    void the_filter_answers_the_page_paths_itself_and_passes_anything_else_down_the_chain() throws Exception {
        PublishedPagesFilter filter = new PublishedPagesFilter(published);
        for (String path : List.of("/", "/resultats", "/resultats/methodologie", "/resultats/caf-demoville", "/resultats/nulle-part")) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(new MockHttpServletRequest("GET", path), response, chain);
            assertThat(chain.getRequest()).as(path + " answered by the filter").isNull();
            assertThat(response.getContentAsByteArray()).as(path).isNotEmpty();
        }
        MockHttpServletRequest withQuery = new MockHttpServletRequest("GET", "/resultats");
        withQuery.setQueryString("a=b");
        for (MockHttpServletRequest request : List.of(withQuery, new MockHttpServletRequest("POST", "/resultats"),
                new MockHttpServletRequest("GET", "/resultats/caf%2Ddemoville"), new MockHttpServletRequest("GET", "/resultats/"),
                new MockHttpServletRequest("GET", "/supervision"), new MockHttpServletRequest("GET", "/dsfr/dsfr.min.css"))) {
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(request, new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as(request.getMethod() + " " + request.getRequestURI()).isSameAs(request);
        }
    }

    @Test
    void accept_encoding_and_if_none_match_are_parsed_as_the_rfc_says() {
        assertThat(RenderedPage.acceptsGzip("gzip")).isTrue();
        assertThat(RenderedPage.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
        assertThat(RenderedPage.acceptsGzip("*")).isTrue();
        assertThat(RenderedPage.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(RenderedPage.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(RenderedPage.acceptsGzip("br, deflate")).isFalse();
        assertThat(RenderedPage.acceptsGzip("x-gzip2")).isFalse();
        assertThat(RenderedPage.acceptsGzip(null)).isFalse();
        assertThat(RenderedPage.matches("\"a\", W/\"b\"", "\"b\"")).isTrue();
        assertThat(RenderedPage.matches("*", "\"b\"")).isTrue();
        assertThat(RenderedPage.matches("\"a\"", "\"b\"")).isFalse();
        assertThat(RenderedPage.matches(null, "\"b\"")).isFalse();
    }

    private HttpRequest.Builder request(String path, String method) {
        return HttpRequest.newBuilder(URI.create(url(path))).method(method, HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<byte[]> send(String path, String method) throws Exception {
        return http.send(request(path, method).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
