package org.scrapebench.models;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.scrapebench.cluster.ClusterConfig;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * The concurrency models under comparison, one constant each, in report order. Every model does
 * the same work and must return the same result. Everything the runner, the CLI, the report and
 * the tests need to know about a model is on its constant: its one-line summary (the README table
 * and {@code --help}), its {@link Traits}, and how to create it. Adding a model is one class and one
 * constant here.
 */
public enum Model {
    SERIAL("one thread, one request at a time: the baseline, about N x latency",
            Traits.oneThread(), SerialModel::new),
    FIXED_THREAD_POOL("a fixed pool of n platform threads making blocking calls: n caps I/O concurrency",
            Traits.threads("fixed-pool-"), FixedThreadPoolModel::new),
    FORK_JOIN("a dedicated ForkJoinPool (parallelism = cores), recursive split, fetches as ManagedBlockers; n in flight",
            Traits.threads("fork-join-"), ForkJoinModel::new),
    // a virtual thread's carriers are the JDK's own ForkJoinPool threads, helped by its unblocker
    VIRTUAL_THREADS("a virtual thread per product (JDK 21+), carriers = cores; n requests in flight",
            Traits.threads().withJvmThreads("ForkJoinPool-", "VirtualThread-")
                    .withMinimumJdk(VirtualThreadsModel.MINIMUM_FEATURE_VERSION),
            VirtualThreadsModel::new),
    COMPLETABLE_FUTURE("HttpClient.sendAsync composed with thenApply/allOf, no thread blocked per request; n in flight",
            Traits.threads("cf-parse-"), CompletableFutureModel::new),
    // Vert.x starts one Cleaner thread per JVM (a static of its VertxImpl) with its first instance
    EVENT_LOOP("Vert.x WebClient on one event loop thread that also parses and computes, as asyncio does; n in flight",
            Traits.threads(EventLoopModel.THREAD_PREFIX).withJvmThreads("Cleaner-").withCpu(CpuParallelism.ONE_THREAD),
            EventLoopModel::new),
    PIPELINE("stages joined by bounded queues: walk, n blocking fetchers, one parser per core; a full queue holds back the stage before it",
            Traits.threads("pipeline-"), PipelineModel::new),
    WORKER_PROCESSES("P worker JVMs fed over stdin/stdout, n in flight spread over them: isolation, at the price of start-up and IPC",
            Traits.processes(WorkerProcessesModel::workers, "worker-"), WorkerProcessesModel::new),
    DISTRIBUTED("a Hazelcast queue feeding M member JVMs, here or elsewhere, n in flight over them: distribution, at a network hop per product",
            Traits.processes(DistributedModel::members, "dist-", "hz.scrapebench-")
                    .withJvmFlags(ClusterConfig::jvmFlags),
            DistributedModel::new);

    private final String summary;
    private final Traits traits;
    private final Function<ScrapeSettings, ConcurrencyModel> factory;

    Model(String summary, Traits traits, Function<ScrapeSettings, ConcurrencyModel> factory) {
        this.summary = summary;
        this.traits = traits;
        this.factory = factory;
    }

    /** One line: what the model is and what it shows. */
    public String summary() {
        return summary;
    }

    public Traits traits() {
        return traits;
    }

    /** Whether {@link ScrapeSettings#concurrency()} means anything to this model. */
    public boolean usesConcurrency() {
        return traits.limitsInFlight();
    }

    /** Requests it keeps in flight with these settings: the concurrency knob, or one. */
    public int inFlight(ScrapeSettings settings) {
        return traits.limitsInFlight() ? settings.concurrency() : 1;
    }

    /** The JVMs of its own it starts with these settings (worker processes, cluster members); 0 for none. */
    public int processes(ScrapeSettings settings) {
        return traits.processes() == null ? 0 : traits.processes().applyAsInt(settings);
    }

    /** Threads that can run its CPU work at the same instant with these settings, on this machine. */
    public int cpuThreads(ScrapeSettings settings) {
        return traits.cpu().threads(ScrapeSettings.cores(), settings.gil(), processes(settings));
    }

    /** The options a JVM of JDK {@code feature} that runs this model needs beyond the defaults. */
    public List<String> jvmFlags(int feature) {
        return traits.jvmFlags().apply(feature);
    }

    /** Null when the model can run on a JDK of this feature version, else why not. */
    public String unavailableReason(int jdkFeature) {
        return jdkFeature >= traits.minimumJdk()
                ? null
                : "needs JDK " + traits.minimumJdk() + "+ (this is JDK " + jdkFeature + ")";
    }

    /** Null when the model can run on this JVM, else why not (e.g. "needs JDK 21+ (this is JDK 17)"). */
    public String unavailableReason() {
        return unavailableReason(Runtime.version().feature());
    }

    public boolean available() {
        return unavailableReason() == null;
    }

    /**
     * Creates the model with its threads or processes started.
     *
     * @throws UnsupportedOperationException when the model cannot run on this JVM
     */
    public ConcurrencyModel create(ScrapeSettings settings) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new UnsupportedOperationException(name() + " " + reason);
        }
        return factory.apply(settings);
    }

    /**
     * What a model is, as the rest of the suite needs to know it.
     *
     * @param minimumJdk     the oldest JDK feature version it runs on
     * @param threadPrefixes the names of the platform threads it starts in this JVM begin with one of
     *                       these (the tests count them, and check that close stops them all)
     * @param jvmThreadPrefixes the names of the JDK's own JVM-wide threads it runs on (virtual threads'
     *                       carriers): counted like its own, but no model can stop them, so they
     *                       are never threads it left behind
     * @param limitsInFlight whether it keeps at most {@code concurrency} requests in flight; a model
     *                       that does not makes one request at a time
     * @param cpu            how many threads can run its CPU work at once
     * @param processes      how many JVMs of its own it starts for given settings; null if none
     * @param jvmFlags       the options a JVM of a given JDK that runs it needs (its own JVMs, and
     *                       the one it is created in)
     */
    public record Traits(int minimumJdk, List<String> threadPrefixes, List<String> jvmThreadPrefixes,
                         boolean limitsInFlight, CpuParallelism cpu, ToIntFunction<ScrapeSettings> processes,
                         IntFunction<List<String>> jvmFlags) {

        static final int BASELINE_JDK = 17;
        private static final IntFunction<List<String>> NO_FLAGS = feature -> List.of();

        public Traits {
            threadPrefixes = List.copyOf(threadPrefixes);
            jvmThreadPrefixes = List.copyOf(jvmThreadPrefixes);
        }

        /** Everything on the calling thread, one request at a time. */
        static Traits oneThread() {
            return new Traits(BASELINE_JDK, List.of(), List.of(), false, CpuParallelism.ONE_THREAD, null, NO_FLAGS);
        }

        /** Threads in this JVM named {@code prefix...}, n requests in flight, CPU work on every core. */
        static Traits threads(String... prefixes) {
            return new Traits(BASELINE_JDK, List.of(prefixes), List.of(), true, CpuParallelism.THREADS, null, NO_FLAGS);
        }

        /** JVMs of its own, as many as {@code count} says, its threads here named {@code prefix...}, n requests in flight over them. */
        static Traits processes(ToIntFunction<ScrapeSettings> count, String... prefixes) {
            return new Traits(BASELINE_JDK, List.of(prefixes), List.of(), true, CpuParallelism.PROCESSES, count, NO_FLAGS);
        }

        Traits withMinimumJdk(int jdk) {
            return new Traits(jdk, threadPrefixes, jvmThreadPrefixes, limitsInFlight, cpu, processes, jvmFlags);
        }

        Traits withCpu(CpuParallelism newCpu) {
            return new Traits(minimumJdk, threadPrefixes, jvmThreadPrefixes, limitsInFlight, newCpu, processes, jvmFlags);
        }

        Traits withJvmThreads(String... prefixes) {
            return new Traits(minimumJdk, threadPrefixes, List.of(prefixes), limitsInFlight, cpu, processes, jvmFlags);
        }

        Traits withJvmFlags(IntFunction<List<String>> flags) {
            return new Traits(minimumJdk, threadPrefixes, jvmThreadPrefixes, limitsInFlight, cpu, processes, flags);
        }

        /** Whether it starts JVMs of its own (which compile the job separately, and need warming up). */
        public boolean startsProcesses() {
            return processes != null;
        }

        /** Every thread it runs on in this JVM: its own and the JDK's. */
        public List<String> allThreadPrefixes() {
            List<String> all = new java.util.ArrayList<>(threadPrefixes);
            all.addAll(jvmThreadPrefixes);
            return List.copyOf(all);
        }
    }

    /** How many threads can run a model's CPU work (parsing, computing) at the same instant. */
    public enum CpuParallelism {
        /** One thread does all of it (the serial baseline, an event loop): one core. */
        ONE_THREAD,
        /** Threads of one process: every core, or one with the GIL on. */
        THREADS,
        /** Threads of several processes, each with its own GIL: up to one core per process. */
        PROCESSES;

        /** The cores this many can use on a machine of {@code cores}, with {@code processes} JVMs of its own. */
        public int threads(int cores, boolean gil, int processes) {
            return switch (this) {
                case ONE_THREAD -> 1;
                case THREADS -> gil ? 1 : cores;
                case PROCESSES -> gil ? Math.min(cores, processes) : cores;
            };
        }
    }
}
