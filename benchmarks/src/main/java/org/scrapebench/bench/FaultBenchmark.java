package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;

/**
 * The I/O-bound job against a site where a share of product pages fail their first request with a
 * retryable fault (500, 503, 429 with Retry-After: 0, connection reset, empty or malformed
 * response), on every scrape: what resilience costs each model. Every scrape must still return
 * the complete list, with exactly one retry per faulty page (checked); the retries and requests
 * are in the aux counters. A retry waits a jittered backoff (50 ms base), so a model that holds a
 * thread while it waits pays for it with that thread; an asynchronous one does not.
 *
 * <p>The warm-up per fork is that of {@link IoBoundBenchmark}, whose job this is without faults,
 * so a row here over its I/O-bound row is the price of resilience. One fork: a secondary regime, kept
 * short so that the main regimes can have two.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Fault}
 */
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
public class FaultBenchmark extends HttpScrapeBenchmark {

    /**
     * Share of product pages whose first request fails (see FaultProfile). One rate by default, to
     * keep the full run short; {@code -p faults=transient:2,transient:10} adds others.
     */
    @Param("transient:10")
    public String faults;
}
