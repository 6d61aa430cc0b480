package org.scrapebench.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.scrapebench.scrape.FetchStateMachine.Decision;
import org.scrapebench.scrape.FetchStateMachine.Done;
import org.scrapebench.scrape.FetchStateMachine.Fail;
import org.scrapebench.scrape.FetchStateMachine.Follow;
import org.scrapebench.scrape.FetchStateMachine.Retry;

/** Every decision of the transport-free fetch rules, fed responses and errors directly. */
class FetchStateMachineTest {

    private static final URI PAGE = URI.create("http://shop.example:8080/product/1");
    /** No jitter to speak of: base 100 ms, so the first backoff is in [0, 100] ms; Retry-After capped at 2 s. */
    private static final HttpPageSource.Settings SETTINGS = new HttpPageSource.Settings(Duration.ofMillis(300),
            Duration.ofMillis(700), new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2)), 2);

    private static Function<String, Optional<String>> headers(Map<String, String> values) {
        return name -> values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    private static final Function<String, Optional<String>> NO_HEADERS = headers(Map.of());

    @Test
    void aSuccessIsThePageWithItsRequestCount() {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        assertEquals(PAGE, fetch.target());
        Done done = assertInstanceOf(Done.class, fetch.onResponse(200, NO_HEADERS, "<html>"));
        assertEquals(new Page(PAGE, PAGE, "<html>", 1), done.page());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retryableStatusesAreRetriedWithBackoffThenGivenUp(int status) {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        Retry first = assertInstanceOf(Retry.class, fetch.onResponse(status, NO_HEADERS, ""));
        assertEquals("HTTP " + status, first.reason());
        assertBetween(Duration.ZERO, Duration.ofMillis(100), first.delay());
        Retry second = assertInstanceOf(Retry.class, fetch.onResponse(status, NO_HEADERS, ""));
        assertBetween(Duration.ZERO, Duration.ofMillis(200), second.delay());
        assertEquals(PAGE, fetch.target());
        Fail fail = assertInstanceOf(Fail.class, fetch.onResponse(status, NO_HEADERS, ""));
        assertEquals(new Fail(PAGE, 3, "HTTP " + status + " (gave up after 3 tries)"), fail);
        FetchException exception = fail.toException();
        assertEquals(PAGE, exception.url());
        assertEquals(3, exception.requests());
        assertEquals("HTTP " + status + " (gave up after 3 tries)", exception.getMessage());
    }

    @Test
    void retryAfterIsHonouredUpToTheMaximumDelay() {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        Retry soon = assertInstanceOf(Retry.class, fetch.onResponse(429, headers(Map.of("retry-after", " 1 ")), ""));
        assertEquals(Duration.ofSeconds(1), soon.delay());
        Retry capped = assertInstanceOf(Retry.class, fetch.onResponse(503, headers(Map.of("Retry-After", "3600")), ""));
        assertEquals(Duration.ofSeconds(2), capped.delay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "Wed, 21 Oct 2015 07:28:00 GMT"})
    void aNegativeOrDatedRetryAfterFallsBackToOurOwnBackoff(String value) {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        Retry retry = assertInstanceOf(Retry.class, fetch.onResponse(429, headers(Map.of("Retry-After", value)), ""));
        assertBetween(Duration.ZERO, Duration.ofMillis(100), retry.delay());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 418, 501, 505, 304, 100})
    void otherStatusesFailAtOnce(int status) {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        assertEquals(new Fail(PAGE, 1, "HTTP " + status), fetch.onResponse(status, NO_HEADERS, "body"));
    }

    @Test
    void transportErrorsAreRetriedWithTheirOwnReasons() {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        assertEquals("timed out after 700 ms", assertInstanceOf(Retry.class, fetch.onTimeout()).reason());
        assertEquals("connect timed out after 300 ms",
                assertInstanceOf(Retry.class, fetch.onConnectTimeout()).reason());
        assertEquals(new Fail(PAGE, 3, "connection refused (gave up after 3 tries)"), fetch.onConnectionRefused());

        FetchStateMachine reset = new FetchStateMachine(PAGE, SETTINGS);
        assertEquals("IOException: Connection reset",
                assertInstanceOf(Retry.class, reset.onTransportError("IOException: Connection reset")).reason());
    }

    @Test
    void withOneAttemptTheReasonHasNoGaveUpSuffix() {
        HttpPageSource.Settings once = new HttpPageSource.Settings(Duration.ofMillis(300), Duration.ofMillis(700),
                RetryPolicy.NONE, 2);
        assertEquals(new Fail(PAGE, 1, "timed out after 700 ms"), new FetchStateMachine(PAGE, once).onTimeout());
    }

    @Test
    void sameSiteRedirectsAreFollowedUpToTheLimit() {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        URI moved = URI.create("http://shop.example:8080/moved/product/1");
        assertEquals(new Follow(moved), fetch.onResponse(301, headers(Map.of("Location", " /moved/product/1 ")), ""));
        assertEquals(moved, fetch.target());
        URI again = URI.create("http://SHOP.example:8080/again/1");
        assertEquals(new Follow(again), fetch.onResponse(307, headers(Map.of("Location", again.toString())), ""));
        Fail fail = assertInstanceOf(Fail.class, fetch.onResponse(302, headers(Map.of("Location", "/third")), ""));
        assertEquals(new Fail(PAGE, 3, "too many redirects (more than 2)"), fail);
    }

    @Test
    void aPageFetchedAfterRedirectsAndRetriesCountsThemAll() {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        fetch.onResponse(308, headers(Map.of("Location", "/moved/product/1")), "");
        fetch.onResponse(500, NO_HEADERS, "");
        fetch.onTransportError("IOException: Connection reset");
        // two retries used up the attempts, but the redirect did not count against them
        Done done = assertInstanceOf(Done.class, fetch.onResponse(200, NO_HEADERS, "ok"));
        assertEquals(new Page(PAGE, URI.create("http://shop.example:8080/moved/product/1"), "ok", 4), done.page());
        assertEquals(4, fetch.requests());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://elsewhere.invalid/product/1", "http://shop.example:8081/product/1",
            "ftp://shop.example:8080/product/1", "javascript:alert(1)"})
    void redirectsOffTheSiteOrOffHttpAreRefused(String location) {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        assertEquals(new Fail(PAGE, 1, "redirect off the site to " + location),
                fetch.onResponse(302, headers(Map.of("Location", location)), ""));
        assertEquals(PAGE, fetch.target());
    }

    @Test
    void aRedirectWithoutAUsableLocationFails() {
        assertEquals(new Fail(PAGE, 1, "HTTP 301 without a Location header"),
                new FetchStateMachine(PAGE, SETTINGS).onResponse(301, NO_HEADERS, ""));
        assertEquals(new Fail(PAGE, 1, "HTTP 303 with a malformed Location 'http://bad host/'"),
                new FetchStateMachine(PAGE, SETTINGS).onResponse(303, headers(Map.of("Location", "http://bad host/")), ""));
    }

    @Test
    void anUnsendableRequestFailsAtOnceAndAnAbandonedFetchCountsNothingMore() {
        FetchStateMachine fetch = new FetchStateMachine(PAGE, SETTINGS);
        assertInstanceOf(Retry.class, fetch.onResponse(503, NO_HEADERS, ""));
        assertEquals(new Fail(PAGE, 1, "page source closed"), fetch.abandon("page source closed"));
        assertEquals(new Fail(PAGE, 2, "IllegalArgumentException: bad scheme"),
                fetch.onUnsendable("IllegalArgumentException: bad scheme"));
    }

    private static void assertBetween(Duration low, Duration high, Duration actual) {
        assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0,
                () -> actual + " is not within [" + low + ", " + high + "]");
    }
}
