package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * The regimes that fetch over real HTTP from the fixture server (in a process of its own): the
 * knobs of the site and of the job, with the I/O-bound defaults; a regime declares again only the
 * fields whose defaults differ. A row with a {@code latency} param is a row over HTTP ({@link RowParams}).
 */
public abstract class HttpScrapeBenchmark extends ScrapeBenchmark {

    @Param("40")
    public int products;

    @Param("20")
    public int productsPerPage;

    /** See {@code LatencyProfile}: none, fixed:ms, lognormal:median:sigma:cap, bandwidth:ms:kbPerSecond. */
    @Param("fixed:50")
    public String latency;

    @Param("4")
    public int pageKb;

    /** See {@code FaultProfile}: none, transient:p, permanent:p, kind:name:p. */
    @Param("none")
    public String faults;

    @Param("0")
    public int computeRounds;

    /** Requests in flight; 0 = one per core. */
    @Param("16")
    public int concurrency;

    /**
     * Requests per second to the site, retries included, for the whole model (one token bucket per
     * process; worker processes split it); 0 = no limit.
     */
    @Param("0")
    public int rate;

    /** Category URL of an already running fixture site with the same knobs; empty = start one. */
    @Param("")
    public String siteUrl;

    /** Seconds the fresh fixture server is kept saturated before the first iteration (JIT warm-up). */
    @Param("1")
    public int serverWarmUpSeconds;
}
