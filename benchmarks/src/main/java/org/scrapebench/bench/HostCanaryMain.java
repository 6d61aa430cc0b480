package org.scrapebench.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedProduct;
import org.scrapebench.scrape.FetchException;
import org.scrapebench.scrape.InMemoryPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * The host canary's JVM: a fixed piece of reference work whose time tracks how fast the host runs
 * today, measured between forks and never inside a measured iteration. It prints
 * {@code READY} once warm (after the readings its one argument names, 3 by default), then answers each {@code measure} line on stdin with one line,
 * {@code <compute ms> <memory ms> <parse ms>}: the median of a few repetitions of SHA-256 over a
 * 64 KB buffer (pure compute), of a dependent random walk over a 64 MB array (memory latency), and
 * of one thread parsing the CPU-bound regime's product pages (the suite's own work, which is what
 * the runner judges by: in a slow spell the parse slowed by half again and more while compute and
 * the walk barely moved). It exits when stdin ends.
 *
 * <p>Why a JVM of its own that lives for the whole run: the runner's own JVM shares its heap and
 * threads with JMH's bookkeeping (a canary read there drifted with the run's progress, not the
 * host's), and one warm JVM, with its array placed once, reads the same work the same way every
 * time, so that what changes between readings is the host.
 */
public final class HostCanaryMain {

    static final String MEASURE = "measure";
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int DIGESTS = 400;
    private static final int WALK_INTS = 16 * 1024 * 1024; // 64 MB: far beyond any cache
    private static final int WALK_STEPS = 1_000_000;
    private static final int REPETITIONS = 3;
    /** Product pages parsed per repetition: the CPU-bound regime's job (64 KB pages, 25 per category page). */
    private static final int PAGES = 100;
    private static final int PAGE_KB = 64;
    /** Readings taken before READY, so that the JIT has settled before the first one counts. */
    static final int WARM_UP_READINGS = 3;

    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final int[] next = new int[WALK_INTS];
    private final MessageDigest sha;
    private final Workload workload;
    private final List<URI> pages = new ArrayList<>();
    /** Keeps the JIT from dropping the work. */
    private long sink;

    private HostCanaryMain() throws NoSuchAlgorithmException {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) random.nextInt();
        }
        // one cycle through every slot (Sattolo's shuffle), so that each step depends on the last
        for (int i = 0; i < next.length; i++) {
            next[i] = i;
        }
        for (int i = next.length - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        sha = MessageDigest.getInstance("SHA-256");
        CatalogSpec spec = new CatalogSpec(ScrapeTrial.SEED, PAGES, 25, PAGE_KB);
        workload = new Workload(ScrapeSettings.builder(new PageSourceSpec.Memory(spec)).concurrency(1).build());
        for (ExpectedProduct p : Catalog.generate(spec).expected()) {
            pages.add(InMemoryPageSource.BASE_URL.resolve(p.path()));
        }
    }

    public static void main(String[] args) throws Exception {
        int warmUpReadings = args.length > 0 ? Integer.parseInt(args[0]) : WARM_UP_READINGS;
        HostCanaryMain canary = new HostCanaryMain();
        for (int i = 0; i < warmUpReadings; i++) {
            canary.reading();
        }
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(MEASURE)) {
                double[] reading = canary.reading();
                System.out.println(String.format(Locale.ROOT, "%.3f %.3f %.3f", reading[0], reading[1], reading[2]));
                System.out.flush();
            }
        }
        if (canary.sink == 42) {
            System.err.print("");
        }
    }

    /** {compute ms, memory ms, parse ms}, each the median of {@link #REPETITIONS}. */
    private double[] reading() throws IOException, InterruptedException {
        double[] compute = new double[REPETITIONS];
        double[] memory = new double[REPETITIONS];
        double[] parse = new double[REPETITIONS];
        for (int r = 0; r < REPETITIONS; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < DIGESTS; i++) {
                sha.update(buffer);
                sink += sha.digest()[0];
            }
            long middle = System.nanoTime();
            int at = (int) (sink & (WALK_INTS - 1));
            for (int i = 0; i < WALK_STEPS; i++) {
                at = next[at];
            }
            sink += at;
            long walked = System.nanoTime();
            for (URI page : pages) {
                sink += parsed(page).hashCode();
            }
            compute[r] = (middle - start) / 1e6;
            memory[r] = (walked - middle) / 1e6;
            parse[r] = (System.nanoTime() - walked) / 1e6;
        }
        return new double[] {median(compute), median(memory), median(parse)};
    }

    private ProductOutcome parsed(URI page) throws InterruptedException {
        try {
            ProductOutcome outcome = workload.fromPage(workload.source().fetch(page));
            if (!outcome.succeeded()) {
                throw new IllegalStateException("the canary's page failed to parse: " + outcome.failure().describe());
            }
            return outcome;
        } catch (FetchException e) {
            throw new IllegalStateException("the canary's page is missing: " + page, e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
