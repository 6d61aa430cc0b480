package org.scrapebench.scrape;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pages over HTTP with one shared {@link HttpClient} (each client owns a selector thread, so a run
 * shares one). HTTP/1.1 only: the client's default HTTP/2 with an h2c upgrade fails under load
 * against WireMock ("EOF reached while reading"). Every request has a timeout that covers the whole
 * exchange, body included: the JDK's own request timeout stops at the response headers, so a server
 * that dribbles its body would otherwise hold a request for as long as it likes. Connection errors,
 * timeouts, 408, 429, 500, 502, 503 and 504 are retried as {@link RetryPolicy} allows; any other
 * status, and pages that cannot be parsed, are not. Redirects are followed by hand so that they can
 * be kept on the page's own host, limited and counted.
 *
 * <p>One thing is out of our hands: the JDK client itself silently repeats a GET once when the
 * connection dies before any byte of the response (a reset or an empty response); such a repeat is
 * not counted in {@link Page#requests()}.
 */
public final class HttpPageSource implements PageSource {

    /**
     * Timeouts, retries, redirects and the rate for every request of a run.
     *
     * @param rate requests per second this source may make ({@link TokenBucket}), retries and
     *             redirects included; 0 for no limit
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, RetryPolicy retry, int maxRedirects,
                           double rate) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), RetryPolicy.DEFAULT, 5);

        /** No rate limit. */
        public Settings(Duration connectTimeout, Duration requestTimeout, RetryPolicy retry, int maxRedirects) {
            this(connectTimeout, requestTimeout, retry, maxRedirects, 0);
        }

        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(retry, "retry");
            if (connectTimeout.isZero() || connectTimeout.isNegative()
                    || requestTimeout.isZero() || requestTimeout.isNegative()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative");
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be 0 (none) or a positive number of requests per second, was "
                        + rate);
            }
        }

        public Settings withRate(double newRate) {
            return new Settings(connectTimeout, requestTimeout, retry, maxRedirects, newRate);
        }
    }

    private static final AtomicInteger CLIENT_COUNT = new AtomicInteger();

    private final Settings settings;
    private final ExecutorService clientExecutor;
    /** Ends requests that outlive their timeout and wakes asynchronous fetches after their backoff. */
    private final ScheduledThreadPoolExecutor timer;
    private final HttpClient client;
    /** Null when there is no rate limit. */
    private final TokenBucket rate;

    public HttpPageSource(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rate = settings.rate() > 0 ? TokenBucket.perSecond(settings.rate()) : null;
        int id = CLIENT_COUNT.incrementAndGet();
        AtomicInteger threadCount = new AtomicInteger();
        ThreadFactory daemons = runnable -> {
            Thread t = new Thread(runnable, "http-client-" + id + "-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // Our own executor, so that close() can stop the client's threads on every JDK (17 has no
        // HttpClient.close()).
        this.clientExecutor = Executors.newCachedThreadPool(daemons);
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "http-client-" + id + "-timer");
            t.setDaemon(true);
            return t;
        });
        // a request that completes in time cancels its timeout; drop it at once rather than hold it until it was due
        timer.setRemoveOnCancelPolicy(true);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(clientExecutor)
                .build();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public Page fetch(URI url) throws FetchException, InterruptedException {
        Attempt attempt = Attempt.first(url);
        while (true) {
            Step step;
            if (rate != null) {
                rate.acquire();
            }
            CompletableFuture<HttpResponse<String>> response = send(attempt.current);
            try {
                step = classify(attempt.current, response.get());
            } catch (InterruptedException e) {
                response.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                step = Step.retry(describe(unwrap(e)), null);
            }
            Object next = advance(attempt, step);
            if (next instanceof Page page) {
                return page;
            }
            Attempt following = (Attempt) next;
            if (following.delay.toMillis() > 0) {
                Thread.sleep(following.delay.toMillis());
            }
            attempt = following;
        }
    }

    @Override
    public CompletableFuture<Page> fetchAsync(URI url) {
        return fetchAsync(Attempt.first(url));
    }

    private CompletableFuture<Page> fetchAsync(Attempt attempt) {
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = rate == null
                    ? send(attempt.current)
                    : rate.acquireAsync(timer).thenCompose(token -> send(attempt.current));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new FetchException(attempt.original, attempt.requests + 1, describe(e)));
        }
        return response
                .handle((r, error) -> error == null ? classify(attempt.current, r) : Step.retry(describe(unwrap(error)), null))
                .thenCompose(step -> {
                    Object next;
                    try {
                        next = advance(attempt, step);
                    } catch (FetchException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                    if (next instanceof Page page) {
                        return CompletableFuture.completedFuture(page);
                    }
                    Attempt following = (Attempt) next;
                    if (following.delay.isZero()) {
                        return fetchAsync(following);
                    }
                    // Waits on the timer, holding no thread while it waits.
                    CompletableFuture<Attempt> later = new CompletableFuture<>();
                    try {
                        timer.schedule(() -> later.complete(following), following.delay.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        return CompletableFuture.failedFuture(new FetchException(attempt.original, following.requests,
                                "page source closed"));
                    }
                    return later.thenCompose(this::fetchAsync);
                });
    }

    /**
     * One request, ended with an {@link HttpTimeoutException} if the whole exchange (headers and
     * body) takes longer than the request timeout. Cancelling the returned future aborts the exchange.
     */
    private CompletableFuture<HttpResponse<String>> send(URI url) {
        CompletableFuture<HttpResponse<String>> exchange =
                client.sendAsync(request(url), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> bounded = new CompletableFuture<>();
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(() -> {
                if (bounded.completeExceptionally(new HttpTimeoutException("request timed out"))) {
                    exchange.cancel(true);
                }
            }, settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            exchange.cancel(true);
            return CompletableFuture.failedFuture(new IOException("page source closed"));
        }
        exchange.whenComplete((response, error) -> {
            deadline.cancel(false);
            if (error == null) {
                bounded.complete(response);
            } else {
                bounded.completeExceptionally(error);
            }
        });
        bounded.whenComplete((response, error) -> {
            if (bounded.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return bounded;
    }

    /** The state of one page's fetch: where it is now and what it has cost. */
    private static final class Attempt {
        final URI original;
        final URI current;
        final int requests;
        final int failures;
        final int redirects;
        final Duration delay;

        private Attempt(URI original, URI current, int requests, int failures, int redirects, Duration delay) {
            this.original = original;
            this.current = current;
            this.requests = requests;
            this.failures = failures;
            this.redirects = redirects;
            this.delay = delay;
        }

        static Attempt first(URI url) {
            return new Attempt(url, url, 0, 0, 0, Duration.ZERO);
        }
    }

    /** What one response means for the fetch. */
    private static final class Step {
        final String body;
        final URI redirect;
        final String retryReason;
        final Duration retryAfter;
        final String failReason;

        private Step(String body, URI redirect, String retryReason, Duration retryAfter, String failReason) {
            this.body = body;
            this.redirect = redirect;
            this.retryReason = retryReason;
            this.retryAfter = retryAfter;
            this.failReason = failReason;
        }

        static Step done(String body) {
            return new Step(body, null, null, null, null);
        }

        static Step follow(URI location) {
            return new Step(null, location, null, null, null);
        }

        static Step retry(String reason, Duration retryAfter) {
            return new Step(null, null, reason, retryAfter, null);
        }

        static Step fail(String reason) {
            return new Step(null, null, null, null, reason);
        }
    }

    /** Either the finished {@link Page} or the next {@link Attempt}; throws when the fetch is over. */
    private Object advance(Attempt attempt, Step step) throws FetchException {
        int requests = attempt.requests + 1;
        if (step.body != null) {
            return new Page(attempt.original, attempt.current, step.body, requests);
        }
        if (step.failReason != null) {
            throw new FetchException(attempt.original, requests, step.failReason);
        }
        if (step.redirect != null) {
            if (attempt.redirects >= settings.maxRedirects()) {
                throw new FetchException(attempt.original, requests,
                        "too many redirects (more than " + settings.maxRedirects() + ")");
            }
            if (!sameSite(attempt.original, step.redirect)) {
                throw new FetchException(attempt.original, requests, "redirect off the site to " + step.redirect);
            }
            return new Attempt(attempt.original, step.redirect, requests, attempt.failures, attempt.redirects + 1, Duration.ZERO);
        }
        int failures = attempt.failures + 1;
        if (failures >= settings.retry().maxAttempts()) {
            String suffix = settings.retry().maxAttempts() > 1 ? " (gave up after " + failures + " tries)" : "";
            throw new FetchException(attempt.original, requests, step.retryReason + suffix);
        }
        Duration delay = settings.retry().delayAfter(failures, step.retryAfter);
        return new Attempt(attempt.original, attempt.current, requests, failures, attempt.redirects, delay);
    }

    private HttpRequest request(URI url) {
        return HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Accept", "text/html,application/xhtml+xml")
                .header("User-Agent", "scrapebench/0.1")
                .GET()
                .build();
    }

    private static Step classify(URI current, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Step.done(response.body());
        }
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                return Step.fail("HTTP " + status + " without a Location header");
            }
            try {
                return Step.follow(current.resolve(location.get().trim()));
            } catch (IllegalArgumentException e) {
                return Step.fail("HTTP " + status + " with a malformed Location '" + location.get() + "'");
            }
        }
        if (status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
            return Step.retry("HTTP " + status, retryAfter(response));
        }
        return Step.fail("HTTP " + status);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
            } catch (NumberFormatException e) {
                return null; // an HTTP-date: fall back to our own backoff
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

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private String describe(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + settings.connectTimeout().toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out after " + settings.requestTimeout().toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message.replace('\n', ' ');
    }

    @Override
    public void close() {
        // JDK 21+ can stop the client's selector thread now; on 17 it ends when the client is collected.
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(client);
        } catch (ReflectiveOperationException e) {
            // JDK 17: no such method; the executor below stops the threads we gave it.
        }
        timer.shutdownNow();
        clientExecutor.shutdownNow();
    }
}
