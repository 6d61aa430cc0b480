package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scrapebench.bench.FixtureServerProcess;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * What the other tests read off a model's constant is really there: every platform thread a model
 * starts is named with a prefix its {@link Model.Traits} declare (the thread-limit and leak checks
 * find threads by them, and a model whose threads they cannot see would pass those checks
 * unchecked), and the in-flight limit it declares is the one it keeps.
 */
@Isolated // it counts the threads a model starts in this JVM: no other test class may start any meanwhile
class ModelsDeclareTheirThreadsTest {

    /**
     * Threads of the shared HTTP client (ours and the JDK's selector), of the JDK's process reaper,
     * and of the common pool, which the JDK's HttpClient completes some futures on.
     */
    static final List<String> SHARED_THREAD_PREFIXES = List.of("http-client-", "HttpClient-", "process reaper",
            "ForkJoinPool.commonPool-worker-");

    /** In a process of its own, so that every thread that starts in this JVM is the model's. */
    private static FixtureServerProcess site;

    @BeforeAll
    static void startSite() {
        site = FixtureServerProcess.start(new CatalogSpec(5, 30, 10, 1), "fixed:5", "none");
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void everyThreadAModelStartsCarriesAPrefixItDeclares(Model model) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        List<String> started;
        List<String> alive;
        // one cluster member: this test is not about spreading the job (the ground-truth, fault and
        // distributed tests run two), and each member JVM costs seconds of CPU
        try (ConcurrencyModel scraper = model.create(ScrapeSettings.http(8).toBuilder().members(1).build())) {
            ScrapeResult result = scraper.scrape(site.categoryUrl());
            assertEquals(30, result.products().size(), () -> "failures: " + result.failures());
            alive = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
            started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t))
                    .map(Thread::getName)
                    .toList();
        }
        List<String> declared = new java.util.ArrayList<>(SHARED_THREAD_PREFIXES);
        declared.addAll(model.traits().allThreadPrefixes());
        List<String> undeclared = started.stream()
                .filter(name -> declared.stream().noneMatch(name::startsWith))
                .toList();
        assertEquals(List.of(), undeclared, () -> model + " started threads its traits do not declare");
        // each of the model's own prefixes names threads it started here, so the traits are not
        // satisfied by threads an earlier test left; the JDK's JVM-wide threads (virtual threads'
        // carriers) may have been started before, and must at least be there
        for (String prefix : model.traits().threadPrefixes()) {
            assertTrue(started.stream().anyMatch(name -> name.startsWith(prefix)),
                    () -> model + " declares threads " + prefix + "... but started none: " + started);
        }
        for (String prefix : model.traits().jvmThreadPrefixes()) {
            assertTrue(alive.stream().anyMatch(name -> name.startsWith(prefix)),
                    () -> model + " declares the JDK's threads " + prefix + "... but none runs: " + alive);
        }
    }

    @Test
    void theBaselineModelIsFirstAndMakesOneRequestAtATime() {
        Model first = Model.values()[0];
        assertEquals(Model.CpuParallelism.ONE_THREAD, first.traits().cpu());
        assertEquals(false, first.traits().limitsInFlight());
    }
}
