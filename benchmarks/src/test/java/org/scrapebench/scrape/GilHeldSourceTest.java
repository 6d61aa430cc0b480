package org.scrapebench.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scrapebench.fixtures.CatalogSpec;

/** With the GIL on, a fetch that is CPU work holds the lock; a fetch that waits on I/O does not. */
class GilHeldSourceTest {

    private static final int THREADS = 4;
    private static final URI PAGE = URI.create("http://catalog.invalid/p/1");

    /** Counts the fetches inside at once; optionally waits for every thread to be inside. */
    private static final class CountingSource implements PageSource {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostInside = new AtomicInteger();
        final boolean waitsOnIo;
        final CyclicBarrier allInside;

        CountingSource(boolean waitsOnIo, CyclicBarrier allInside) {
            this.waitsOnIo = waitsOnIo;
            this.allInside = allInside;
        }

        @Override
        public Page fetch(URI url) throws InterruptedException {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                if (allInside != null) {
                    allInside.await(10, TimeUnit.SECONDS);
                } else {
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException("the fetches were not all inside at once: " + e, e);
            } finally {
                inside.decrementAndGet();
            }
            return new Page(url, url, "<html></html>", 1);
        }

        @Override
        public CompletableFuture<Page> fetchAsync(URI url) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean waitsOnIo() {
            return waitsOnIo;
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    private static void fetchFromEveryThread(CountingSource source, boolean gil) throws Exception {
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Memory(new CatalogSpec(1, 1, 1, 4))).concurrency(THREADS).build()
                .withGil(gil);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Workload workload = new Workload(settings, source)) {
            List<Future<Page>> fetches = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                fetches.add(pool.submit(() -> {
                    Page last = null;
                    for (int i = 0; i < 5; i++) {
                        last = workload.source().fetch(PAGE);
                    }
                    return last;
                }));
            }
            for (Future<Page> fetch : fetches) {
                assertEquals(PAGE, fetch.get(30, TimeUnit.SECONDS).url());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFetchThatIsCpuWorkRunsOnOneThreadAtATimeWithTheGilOn() throws Exception {
        CountingSource decoding = new CountingSource(false, null);
        fetchFromEveryThread(decoding, true);
        assertEquals(1, decoding.mostInside.get());
    }

    @Test
    void aFetchThatWaitsOnIoLetsEveryThreadInWithTheGilOn() throws Exception {
        CountingSource network = new CountingSource(true, new CyclicBarrier(THREADS));
        fetchFromEveryThread(network, true);
        assertEquals(THREADS, network.mostInside.get());
    }

    @Test
    void withTheGilOffEvenCpuWorkFetchesRunTogether() throws Exception {
        CountingSource decoding = new CountingSource(false, new CyclicBarrier(THREADS));
        fetchFromEveryThread(decoding, false);
        assertEquals(THREADS, decoding.mostInside.get());
    }
}
