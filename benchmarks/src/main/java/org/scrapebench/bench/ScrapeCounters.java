package org.scrapebench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Side counts reported beside the time, so that a fast number cannot hide failed or repeated work:
 * totals per iteration of requests made (category pages, products, retries), retries alone, pages
 * that failed (0 unless the run expects failures), the stalls of a model's one thread of work (an
 * event loop held by one task past its threshold; 0 for the other models), and the scrapes
 * themselves. JMH sums EVENTS
 * counters over the iterations and forks, so the report divides by {@code scrapes} for "per op".
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ScrapeCounters {
    public long requests;
    public long retries;
    public long failures;
    public long stalls;
    public long scrapes;

    @Setup(Level.Iteration)
    public void reset() {
        requests = 0;
        retries = 0;
        failures = 0;
        stalls = 0;
        scrapes = 0;
    }
}
