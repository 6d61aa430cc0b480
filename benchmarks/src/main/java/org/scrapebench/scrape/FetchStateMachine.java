package org.scrapebench.scrape;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of fetching one page over HTTP, without the HTTP: which statuses and transport errors
 * are retried and after what pause (honouring Retry-After up to the policy's maximum delay), which
 * redirects are followed (same site only, at most {@code maxRedirects}), when to give up and with
 * what reason, and how many requests it took. A transport sends a request to {@link #target()},
 * reports what came back through one of the {@code on...} methods, and does what the returned
 * {@link Decision} says. Every transport that drives it therefore fails, retries and counts alike.
 *
 * <p>One machine per page fetch; not thread-safe, but a fetch makes one request at a time, so each
 * call happens-before the next.
 */
public final class FetchStateMachine {

    /** What the transport does next. */
    public sealed interface Decision permits Done, Retry, Follow, Fail {}

    /** The page is here. */
    public record Done(Page page) implements Decision {}

    /** Request {@link #target()} again after {@code delay}. */
    public record Retry(Duration delay, String reason) implements Decision {}

    /** Request {@code location} (now the {@link #target()}) at once. */
    public record Follow(URI location) implements Decision {}

    /** The fetch is over without a page. */
    public record Fail(URI url, int requests, String reason) implements Decision {
        public FetchException toException() {
            return new FetchException(url, requests, reason);
        }
    }

    private final HttpPageSource.Settings settings;
    private final URI original;
    private URI current;
    private int requests;
    private int failures;
    private int redirects;

    public FetchStateMachine(URI url, HttpPageSource.Settings settings) {
        this.original = Objects.requireNonNull(url, "url");
        this.current = url;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Where the next request goes: the page asked for, or where its redirects led. */
    public URI target() {
        return current;
    }

    /** Requests reported so far. */
    public int requests() {
        return requests;
    }

    /**
     * A complete response to the request to {@link #target()}.
     *
     * @param header the first value of a response header, by case-insensitive name
     */
    public Decision onResponse(int status, Function<String, Optional<String>> header, String body) {
        requests++;
        if (status >= 200 && status < 300) {
            return new Done(new Page(original, current, body, requests));
        }
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            Optional<String> location = header.apply("Location");
            if (location.isEmpty()) {
                return fail("HTTP " + status + " without a Location header");
            }
            URI next;
            try {
                next = current.resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                return fail("HTTP " + status + " with a malformed Location '" + location.get() + "'");
            }
            return follow(next);
        }
        if (status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
            return retry("HTTP " + status, retryAfter(header.apply("Retry-After")));
        }
        return fail("HTTP " + status);
    }

    /** The whole exchange took longer than the request timeout. */
    public Decision onTimeout() {
        requests++;
        return retry("timed out after " + settings.requestTimeout().toMillis() + " ms", null);
    }

    /** No connection within the connect timeout. */
    public Decision onConnectTimeout() {
        requests++;
        return retry("connect timed out after " + settings.connectTimeout().toMillis() + " ms", null);
    }

    /** The server refused the connection. */
    public Decision onConnectionRefused() {
        requests++;
        return retry("connection refused", null);
    }

    /** Any other failure of the exchange (a reset, a malformed response...), described by the transport. */
    public Decision onTransportError(String description) {
        requests++;
        return retry(description, null);
    }

    /** The request could not even be sent (e.g. a URL the client rejects): counted, never retried. */
    public Fail onUnsendable(String reason) {
        requests++;
        return fail(reason);
    }

    /** The fetch is abandoned between requests (the transport is closing): nothing more is counted. */
    public Fail abandon(String reason) {
        return new Fail(original, requests, reason);
    }

    private Decision follow(URI location) {
        if (redirects >= settings.maxRedirects()) {
            return fail("too many redirects (more than " + settings.maxRedirects() + ")");
        }
        if (!sameSite(original, location)) {
            return fail("redirect off the site to " + location);
        }
        redirects++;
        current = location;
        return new Follow(location);
    }

    private Decision retry(String reason, Duration retryAfter) {
        failures++;
        RetryPolicy policy = settings.retry();
        if (failures >= policy.maxAttempts()) {
            String suffix = policy.maxAttempts() > 1 ? " (gave up after " + failures + " tries)" : "";
            return fail(reason + suffix);
        }
        return new Retry(policy.delayAfter(failures, retryAfter), reason);
    }

    private Fail fail(String reason) {
        return new Fail(original, requests, reason);
    }

    /** A Retry-After in seconds; null when absent, negative or an HTTP-date (our own backoff applies). */
    private static Duration retryAfter(Optional<String> header) {
        return header.map(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    /**
     * Same host (case-insensitive) over http or https, and the same explicit port if either URL
     * names one: the rule the category parser applies to links, so that an http to https redirect
     * on default ports stays on the site.
     */
    public static boolean sameSite(URI origin, URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        return origin.getHost() != null && origin.getHost().equalsIgnoreCase(target.getHost())
                && origin.getPort() == target.getPort();
    }
}
