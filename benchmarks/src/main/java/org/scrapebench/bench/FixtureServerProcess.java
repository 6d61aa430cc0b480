package org.scrapebench.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FixtureServerMain;
import org.scrapebench.process.ChildJvm;
import org.scrapebench.process.ChildProcess;

/**
 * The fixture site in a JVM of its own, so that its GC, JIT and allocations are not counted in the
 * benchmark JVM. Started in trial setup, health-checked, and stopped in teardown; as every
 * {@link ChildProcess}, it also stops by itself when this JVM dies (its stdin closes) and is killed
 * on Ctrl-C.
 */
public final class FixtureServerProcess implements AutoCloseable {

    private final ChildProcess process;
    private final URI categoryUrl;

    private FixtureServerProcess(ChildProcess process, URI categoryUrl) {
        this.process = process;
        this.categoryUrl = categoryUrl;
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
        ChildProcess process = ChildProcess.start("fixture server process", launch, "fixture-server-stdout");
        try {
            URI url = URI.create(process.awaitReady(ChildProcess.START_DEADLINE));
            FixtureServerProcess server = new FixtureServerProcess(process, url);
            server.healthCheck();
            return server;
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
    }

    public URI categoryUrl() {
        return categoryUrl;
    }

    long pid() {
        return process.pid();
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

    @Override
    public void close() {
        process.stop(ChildProcess.STOP_GRACE);
    }
}
