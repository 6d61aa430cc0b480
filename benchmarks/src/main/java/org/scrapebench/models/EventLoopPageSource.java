package org.scrapebench.models;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.scrapebench.scrape.TokenBucket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.impl.HttpContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.scrapebench.scrape.FetchException;
import org.scrapebench.scrape.FetchStateMachine;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.Page;
import org.scrapebench.scrape.PageSource;

/**
 * Pages over HTTP with Vert.x's {@link WebClient}, every request, response, timer and decision on
 * one event loop. The rules are {@link FetchStateMachine}'s, as for {@link HttpPageSource}; this
 * class is only the transport:
 * <ul>
 *   <li>HTTP/1.1 with keep-alive, a connection pool of {@code maxConnections} (Vert.x's default of 5
 *       would cap the in-flight limit), redirects not followed by the client;</li>
 *   <li>the request timeout bounds the whole exchange, body included (a loop timer resets the
 *       request), not just the wait for each chunk as Vert.x's own timeouts do;</li>
 *   <li>when a connection dies before any byte of the response (a reset, or a pooled connection the
 *       server had closed), the request is repeated once without counting it, because the JDK
 *       client does the same and both transports must count the same requests for the same site;
 *       such failures are reported as {@code IOException}s, in the JDK client's words.</li>
 * </ul>
 * The loop-confined state (requests in flight) is touched only on the loop.
 */
final class EventLoopPageSource implements PageSource {

    /** Where the interceptor finds the exchange a request belongs to. */
    private static final String EXCHANGE = "scrapebench.exchange";

    private final Vertx vertx;
    private final Context loop;
    private final WebClient client;
    private final HttpPageSource.Settings settings;
    /** Requests in flight and fetches waiting out a backoff, so that {@link #cancelAll} can end them. */
    private final Set<Exchange> inFlight = new HashSet<>();
    private final Set<Backoff> waiting = new HashSet<>();
    /** The exchange whose request is being created, read by the interceptor within {@code send()}. */
    private Exchange starting;
    private volatile boolean closed;
    /** The rate knob's bucket and the timer that releases its tokens; null without a rate. */
    private final TokenBucket rate;
    private final ScheduledExecutorService rateTimer;

    EventLoopPageSource(Vertx vertx, Context loop, HttpPageSource.Settings settings, int maxConnections) {
        this.vertx = vertx;
        this.loop = loop;
        this.settings = settings;
        WebClientOptions options = new WebClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setFollowRedirects(false)
                .setUserAgent("scrapebench/0.1");
        HttpClientAgent http = vertx.httpClientBuilder()
                .with(options)
                .with(new PoolOptions().setHttp1MaxSize(maxConnections))
                .withConnectHandler(EventLoopPageSource::countReceivedBytes)
                .build();
        this.client = WebClient.wrap(http, options);
        client.addInterceptor(this::track);
        this.rate = settings.rate() > 0 ? TokenBucket.perSecond(settings.rate()) : null;
        this.rateTimer = rate == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, EventLoopModel.THREAD_PREFIX + "x-rate-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<Page> fetchAsync(URI url) {
        CompletableFuture<Page> page = new CompletableFuture<>();
        if (closed) {
            page.completeExceptionally(new FetchException(url, 0, "page source closed"));
        } else {
            loop.runOnContext(v -> send(new FetchStateMachine(url, settings), page, false));
        }
        return page;
    }

    /** Not offered: a blocking call has no place in a model whose one thread is the loop. */
    @Override
    public Page fetch(URI url) {
        throw new UnsupportedOperationException("the event loop's pages are fetched with fetchAsync only");
    }

    /**
     * One request, on the loop, once the rate allows it: every attempt takes a token, as on the JDK
     * client's path; the silent repeat after a dead connection does not, as the JDK client's own does not.
     */
    private void send(FetchStateMachine fetch, CompletableFuture<Page> page, boolean repeated) {
        if (rate == null || repeated) {
            sendNow(fetch, page, repeated);
            return;
        }
        rate.acquireAsync(rateTimer).thenRun(() -> loop.runOnContext(v -> sendNow(fetch, page, false)));
    }

    private void sendNow(FetchStateMachine fetch, CompletableFuture<Page> page, boolean repeated) {
        if (closed) {
            page.completeExceptionally(fetch.abandon("page source closed").toException());
            return;
        }
        Exchange exchange = new Exchange(fetch, page);
        inFlight.add(exchange);
        exchange.deadline = vertx.setTimer(settings.requestTimeout().toMillis(), id -> {
            if (exchange.finish()) {
                exchange.reset();
                act(fetch, page, fetch.onTimeout());
            }
        });
        starting = exchange;
        try {
            client.requestAbs(HttpMethod.GET, fetch.target().toString())
                    .putHeader("Accept", "text/html,application/xhtml+xml")
                    .send()
                    .onComplete(result -> {
                        if (exchange.finish()) {
                            onComplete(exchange, result, repeated);
                        }
                    });
        } catch (RuntimeException e) {
            if (exchange.finish()) {
                page.completeExceptionally(fetch.onUnsendable(HttpPageSource.describe(e)).toException());
            }
        } finally {
            starting = null;
        }
    }

    private void onComplete(Exchange exchange, AsyncResult<HttpResponse<Buffer>> result, boolean repeated) {
        FetchStateMachine fetch = exchange.fetch;
        if (result.succeeded()) {
            HttpResponse<Buffer> response = result.result();
            Buffer body = response.body();
            act(fetch, exchange.page, fetch.onResponse(response.statusCode(),
                    name -> Optional.ofNullable(response.getHeader(name)), body == null ? "" : body.toString()));
            return;
        }
        Throwable error = result.cause();
        if (error instanceof ConnectTimeoutException) {
            act(fetch, exchange.page, fetch.onConnectTimeout());
        } else if (error instanceof ConnectException) {
            act(fetch, exchange.page, fetch.onConnectionRefused());
        } else if (diedBeforeTheResponse(exchange, error)) {
            if (repeated) {
                act(fetch, exchange.page, fetch.onTransportError("IOException: " + error.getMessage()));
            } else {
                send(fetch, exchange.page, true);
            }
        } else {
            act(fetch, exchange.page, fetch.onTransportError(HttpPageSource.describe(error)));
        }
    }

    private static boolean diedBeforeTheResponse(Exchange exchange, Throwable error) {
        return exchange.received != null && exchange.received.count == exchange.receivedBeforeSend
                && (error instanceof HttpClosedException || error instanceof IOException);
    }

    private static void countReceivedBytes(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().pipeline().addFirst(new ReceivedBytes());
        }
    }

    private void act(FetchStateMachine fetch, CompletableFuture<Page> page, FetchStateMachine.Decision decision) {
        if (decision instanceof FetchStateMachine.Done done) {
            page.complete(done.page());
        } else if (decision instanceof FetchStateMachine.Fail fail) {
            page.completeExceptionally(fail.toException());
        } else if (decision instanceof FetchStateMachine.Retry retry && !retry.delay().isZero()) {
            Backoff backoff = new Backoff(page);
            waiting.add(backoff);
            backoff.timer = vertx.setTimer(retry.delay().toMillis(), id -> {
                waiting.remove(backoff);
                send(fetch, page, false);
            });
        } else {
            send(fetch, page, false);
        }
    }

    /** Sees each request the client makes: which exchange it belongs to, and on which connection it is sent. */
    private void track(HttpContext<?> context) {
        switch (context.phase()) {
            case PREPARE_REQUEST -> context.set(EXCHANGE, starting);
            case SEND_REQUEST -> {
                Exchange exchange = context.get(EXCHANGE);
                if (exchange != null) {
                    exchange.request = context.clientRequest();
                    if (exchange.request.connection() instanceof ConnectionBase connection) {
                        exchange.received = connection.channel().pipeline().get(ReceivedBytes.class);
                        exchange.receivedBeforeSend = exchange.received == null ? 0 : exchange.received.count;
                    }
                    if (exchange.finished) {
                        // timed out or cancelled while it waited for a connection
                        context.fail(new CancellationException("request abandoned"));
                        return;
                    }
                }
            }
            default -> { }
        }
        context.next();
    }

    /**
     * Ends every fetch of this source: resets the requests in flight and drops the backoffs, each
     * fetch failing with a {@link CancellationException}. Returns at once; the work is done on the loop.
     */
    void cancelAll() {
        loop.runOnContext(v -> {
            for (Exchange exchange : Set.copyOf(inFlight)) {
                if (exchange.finish()) {
                    exchange.reset();
                    exchange.page.completeExceptionally(new CancellationException("scrape interrupted"));
                }
            }
            for (Backoff backoff : Set.copyOf(waiting)) {
                vertx.cancelTimer(backoff.timer);
                backoff.page.completeExceptionally(new CancellationException("scrape interrupted"));
            }
            waiting.clear();
        });
    }

    /** Closes the client; the loop and its Vert.x instance belong to the model. */
    @Override
    public void close() {
        closed = true;
        client.close();
        if (rateTimer != null) {
            rateTimer.shutdownNow();
        }
    }

    /** One request of a fetch, ended exactly once: by its response, its deadline or a cancel. */
    private final class Exchange {
        final FetchStateMachine fetch;
        final CompletableFuture<Page> page;
        long deadline;
        HttpClientRequest request;
        /** The bytes its connection had received when it was sent: more by the end means a response began. */
        ReceivedBytes received;
        long receivedBeforeSend;
        boolean finished;

        Exchange(FetchStateMachine fetch, CompletableFuture<Page> page) {
            this.fetch = fetch;
            this.page = page;
        }

        /** True for the first caller only, who then decides what happens to the fetch. */
        boolean finish() {
            if (finished) {
                return false;
            }
            finished = true;
            inFlight.remove(this);
            vertx.cancelTimer(deadline);
            return true;
        }

        /** Aborts the request, closing its connection if a response was under way. */
        void reset() {
            if (request != null) {
                request.reset();
            }
        }
    }

    /** A fetch waiting on a loop timer before its next attempt. */
    private static final class Backoff {
        final CompletableFuture<Page> page;
        long timer;

        Backoff(CompletableFuture<Page> page) {
            this.page = page;
        }
    }

    /** Counts the bytes a connection receives (on the loop, its only reader). */
    private static final class ReceivedBytes extends ChannelInboundHandlerAdapter {
        long count;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof ByteBuf bytes) {
                count += bytes.readableBytes();
            }
            context.fireChannelRead(message);
        }
    }
}
