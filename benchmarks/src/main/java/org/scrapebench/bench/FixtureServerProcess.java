package org.scrapebench.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FixtureServerMain;
import org.scrapebench.worker.ChildJvm;

/**
 * The fixture site in a JVM of its own, so that its GC, JIT and allocations are not counted in the
 * benchmark JVM. Started in trial setup, health-checked, and stopped in teardown; it also stops by
 * itself when this JVM dies (its stdin closes) and on Ctrl-C (a shutdown hook here kills it).
 */
public final class FixtureServerProcess implements AutoCloseable {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(90);

    private final Process process;
    private final ChildJvm launch;
    private final URI categoryUrl;
    private final Thread shutdownHook;

    private FixtureServerProcess(Process process, ChildJvm launch, URI categoryUrl, Thread shutdownHook) {
        this.process = process;
        this.launch = launch;
        this.categoryUrl = categoryUrl;
        this.shutdownHook = shutdownHook;
    }

    static FixtureServerProcess start(CatalogSpec spec, String latency) {
        return start(spec, latency, "none");
    }

    public static FixtureServerProcess start(CatalogSpec spec, String latency, String faults) {
        ChildJvm launch = ChildJvm.of("fixture-server", FixtureServerMain.class.getName(), List.of(
                "--products", Integer.toString(spec.products()),
                "--per-page", Integer.toString(spec.productsPerPage()),
                "--page-kb", Integer.toString(spec.pageWeightKb()),
                "--seed", Long.toString(spec.seed()),
                "--latency", latency,
                "--faults", faults));
        Process process;
        try {
            process = new ProcessBuilder(launch.command()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fixture server: " + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> kill(process, launch), "fixture-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            URI url = awaitReady(process);
            FixtureServerProcess server = new FixtureServerProcess(process, launch, url, hook);
            server.healthCheck();
            return server;
        } catch (RuntimeException e) {
            kill(process, launch);
            removeHook(hook);
            throw e;
        }
    }

    public URI categoryUrl() {
        return categoryUrl;
    }

    long pid() {
        return process.pid();
    }

    private static URI awaitReady(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        // A thread of its own (never the common pool) that hands over the first line, then drains
        // stdout so the server can never block on a full pipe.
        Thread reader = new Thread(() -> {
            try {
                firstLine.complete(out.readLine());
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                firstLine.complete(null);
            }
        }, "fixture-server-stdout");
        reader.setDaemon(true);
        reader.start();
        String line;
        try {
            line = firstLine.get(STARTUP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the fixture server did not start within " + STARTUP_DEADLINE.toSeconds() + " s");
        }
        if (line == null || !line.startsWith("READY ")) {
            throw new IllegalStateException("the fixture server did not start: " + (line == null ? "it exited" : line));
        }
        return URI.create(line.substring("READY ".length()).trim());
    }

    /** One real request before the first iteration: the server answers, with a page. */
    private void healthCheck() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(categoryUrl)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().isEmpty()) {
                throw new IllegalStateException("fixture server health check: HTTP " + response.statusCode()
                        + " for " + categoryUrl);
            }
        } catch (IOException e) {
            throw new IllegalStateException("fixture server health check failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the fixture server health check", e);
        }
    }

    private static void kill(Process process, ChildJvm launch) {
        if (!process.isAlive()) {
            return;
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush(); // closing stdin asks the server to stop
        } catch (IOException e) {
            // already gone
        }
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                launch.exited(process);
            } else {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook runs anyway
        }
    }

    @Override
    public void close() {
        kill(process, launch);
        removeHook(shutdownHook);
    }
}
