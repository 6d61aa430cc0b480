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
import java.util.Objects;
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
 * that dribbles its body would otherwise hold a request for as long as it likes. What to retry,
 * when, which redirects to follow and when to give up is decided by {@link FetchStateMachine}, which
 * this class only drives (redirects are followed by hand so that they can be kept on the page's own
 * host, limited and counted).
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
        FetchStateMachine fetch = new FetchStateMachine(url, settings);
        while (true) {
            FetchStateMachine.Decision decision;
            if (rate != null) {
                rate.acquire();
            }
            CompletableFuture<HttpResponse<String>> response = send(fetch.target());
            try {
                decision = onResponse(fetch, response.get());
            } catch (InterruptedException e) {
                response.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                decision = onError(fetch, unwrap(e));
            }
            if (decision instanceof FetchStateMachine.Done done) {
                return done.page();
            }
            if (decision instanceof FetchStateMachine.Fail fail) {
                throw fail.toException();
            }
            if (decision instanceof FetchStateMachine.Retry retry && retry.delay().toMillis() > 0) {
                Thread.sleep(retry.delay().toMillis());
            }
        }
    }

    @Override
    public CompletableFuture<Page> fetchAsync(URI url) {
        return fetchAsync(new FetchStateMachine(url, settings));
    }

    private CompletableFuture<Page> fetchAsync(FetchStateMachine fetch) {
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = rate == null
                    ? send(fetch.target())
                    : rate.acquireAsync(timer).thenCompose(token -> send(fetch.target()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(fetch.onUnsendable(describe(e)).toException());
        }
        return response
                .handle((r, error) -> error == null ? onResponse(fetch, r) : onError(fetch, unwrap(error)))
                .thenCompose(decision -> {
                    if (decision instanceof FetchStateMachine.Done done) {
                        return CompletableFuture.completedFuture(done.page());
                    }
                    if (decision instanceof FetchStateMachine.Fail fail) {
                        return CompletableFuture.failedFuture(fail.toException());
                    }
                    if (!(decision instanceof FetchStateMachine.Retry retry) || retry.delay().isZero()) {
                        return fetchAsync(fetch);
                    }
                    // Waits on the timer, holding no thread while it waits.
                    CompletableFuture<FetchStateMachine> later = new CompletableFuture<>();
                    try {
                        timer.schedule(() -> later.complete(fetch), retry.delay().toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        return CompletableFuture.failedFuture(fetch.abandon("page source closed").toException());
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

    private HttpRequest request(URI url) {
        return HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Accept", "text/html,application/xhtml+xml")
                .header("User-Agent", "scrapebench/0.1")
                .GET()
                .build();
    }

    private static FetchStateMachine.Decision onResponse(FetchStateMachine fetch, HttpResponse<String> response) {
        return fetch.onResponse(response.statusCode(), response.headers()::firstValue, response.body());
    }

    private FetchStateMachine.Decision onError(FetchStateMachine fetch, Throwable error) {
        if (error instanceof HttpConnectTimeoutException) {
            return fetch.onConnectTimeout();
        }
        if (error instanceof HttpTimeoutException) {
            return fetch.onTimeout();
        }
        if (error instanceof ConnectException) {
            return fetch.onConnectionRefused();
        }
        return fetch.onTransportError(describe(error));
    }

    /** The rule {@link FetchStateMachine} applies to redirects. */
    public static boolean sameSite(URI origin, URI target) {
        return FetchStateMachine.sameSite(origin, target);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A transport error as a failure reason: its kind and message on one line. */
    public static String describe(Throwable e) {
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
