package org.scrapebench.scrape;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Timeouts, retries and redirects, the same for the blocking and the asynchronous path. */
class HttpPageSourceTest {

    private static WireMockServer server;
    // Generous timeouts: a cold JVM on a busy machine can take a while over its first request.
    private static final HttpPageSource.Settings SETTINGS = new HttpPageSource.Settings(
            Duration.ofSeconds(5), Duration.ofSeconds(5), new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)), 3);
    private static final HttpPageSource.Settings IMPATIENT = new HttpPageSource.Settings(
            Duration.ofSeconds(5), Duration.ofMillis(250), new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20)), 3);

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true));
        server.start();
        server.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("hello")));
        server.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlEqualTo("/always-503")).willReturn(aResponse().withStatus(503)));
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
        // headers at once, then the body over 2 s: the JDK's own request timeout stops at the headers
        server.stubFor(get(urlEqualTo("/drip")).willReturn(aResponse().withStatus(200).withBody("x".repeat(2_000))
                .withChunkedDribbleDelay(20, 2_000)));
        server.stubFor(get(urlEqualTo("/hop")).willReturn(aResponse().withStatus(301).withHeader("Location", "/ok")));
        server.stubFor(get(urlEqualTo("/away")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://other.invalid/ok")));
        server.stubFor(get(urlEqualTo("/loop")).willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
        for (String path : new String[] {"/flaky-blocking", "/flaky-async"}) {
            server.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
            server.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("second")
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("third"));
            server.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("third")
                    .willReturn(aResponse().withStatus(200).withBody("finally")));
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static URI url(String path) {
        return URI.create(server.baseUrl() + path);
    }

    /** Fetches with either path; a failure comes back as the FetchException. */
    private static Page fetch(boolean async, String path) throws Exception {
        return fetch(async, path, SETTINGS);
    }

    private static Page fetch(boolean async, String path, HttpPageSource.Settings settings) throws Exception {
        try (HttpPageSource source = new HttpPageSource(settings)) {
            if (!async) {
                return source.fetch(url(path));
            }
            try {
                return source.fetchAsync(url(path)).get();
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void fetchesAPage(boolean async) throws Exception {
        Page page = fetch(async, "/ok");
        assertEquals("hello", page.body());
        assertEquals(1, page.requests());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void retriesTransientFailuresUntilOneSucceeds(boolean async) throws Exception {
        Page page = fetch(async, async ? "/flaky-async" : "/flaky-blocking");
        assertEquals("finally", page.body());
        assertEquals(3, page.requests());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void givesUpAfterTheLastAttempt(boolean async) {
        FetchException e = assertThrows(FetchException.class, () -> fetch(async, "/always-503"));
        assertEquals("HTTP 503 (gave up after 3 tries)", e.getMessage());
        assertEquals(3, e.requests());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void doesNotRetryAPermanentFailure(boolean async) {
        FetchException e = assertThrows(FetchException.class, () -> fetch(async, "/gone"));
        assertEquals("HTTP 404", e.getMessage());
        assertEquals(1, e.requests());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void timesOutASlowResponse(boolean async) {
        FetchException e = assertThrows(FetchException.class, () -> fetch(async, "/slow", IMPATIENT));
        assertEquals("timed out after 250 ms (gave up after 2 tries)", e.getMessage());
        assertEquals(2, e.requests());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void theTimeoutCoversASlowlyDribbledBody(boolean async) {
        FetchException e = assertThrows(FetchException.class, () -> fetch(async, "/drip", IMPATIENT));
        assertEquals("timed out after 250 ms (gave up after 2 tries)", e.getMessage());
        assertEquals(2, e.requests());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void followsARedirectOnTheSameSite(boolean async) throws Exception {
        Page page = fetch(async, "/hop");
        assertEquals("hello", page.body());
        assertEquals(url("/hop"), page.url());
        assertEquals(url("/ok"), page.finalUrl());
        assertEquals(2, page.requests());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void refusesARedirectOffTheSite(boolean async) {
        FetchException e = assertThrows(FetchException.class, () -> fetch(async, "/away"));
        assertEquals("redirect off the site to http://other.invalid/ok", e.getMessage());
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void stopsARedirectLoop(boolean async) {
        FetchException e = assertThrows(FetchException.class, () -> fetch(async, "/loop"));
        assertEquals("too many redirects (more than 3)", e.getMessage());
        assertEquals(4, e.requests());
    }

    @Test
    void sameSiteMeansSameHostAndPortOverHttpOrHttps() {
        URI origin = URI.create("http://Shop.Example:8080/c/1");
        assertTrue(HttpPageSource.sameSite(origin, URI.create("https://shop.example:8080/p/2")));
        assertEquals(false, HttpPageSource.sameSite(origin, URI.create("http://shop.example:8081/p/2")));
        assertEquals(false, HttpPageSource.sameSite(origin, URI.create("http://evil.example:8080/p/2")));
        assertEquals(false, HttpPageSource.sameSite(origin, URI.create("ftp://shop.example:8080/p/2")));
    }
}
