package org.scrapebench.scrape;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;
import org.scrapebench.fixtures.CatalogSpec;

/**
 * Everything a concurrency model needs to know about the job besides the category URL. It is the
 * one form the knobs take, whoever sets them (a benchmark's params, the CLI's options, a test),
 * and the one form a child JVM receives them in ({@link #toJson}): a worker process or a cluster
 * member opens its workload from the same value the model was made with.
 *
 * <p>Knobs that only one model reads are grouped under that model: {@link Pipeline},
 * {@link WorkerProcesses}, {@link Cluster}; every other model ignores them. A count of 0 means one
 * per core, and is resolved here, by {@link Builder#build}, and nowhere else.
 */
@JsonDeserialize(builder = ScrapeSettings.Builder.class)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ScrapeSettings {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Where pages come from, with the timeouts, retries and rate of a source over HTTP. */
    private final PageSourceSpec source;
    /** Requests in flight (threads, tasks, processes' shares), for the models that have such a limit. */
    private final int concurrency;
    /** A CSS selector for product links on sites without schema.org ItemList markup, or null. */
    private final String productLinkSelector;
    /** Rounds of per-product CPU work ({@link ComputeStep}); 0 for none. */
    private final int computeRounds;
    /** Whether CPU work (parsing, computing) holds one lock per process, as CPython's threads do ({@link Gil}). */
    private final boolean gil;
    private final Pipeline pipeline;
    private final WorkerProcesses workerProcesses;
    private final Cluster cluster;

    /**
     * PIPELINE's knobs.
     *
     * @param queueCapacity capacity of each queue between its stages; 0 = the model's default
     * @param parseWorkers  threads of its parse stage
     */
    public record Pipeline(int queueCapacity, int parseWorkers) {}

    /**
     * WORKER_PROCESSES' knob.
     *
     * @param processes worker JVMs it starts (never more than requests in flight)
     */
    public record WorkerProcesses(int processes) {}

    /**
     * DISTRIBUTED's knobs.
     *
     * @param members        member JVMs it starts on this machine
     * @param clusterMembers {@code NAME@host:port,host:port...}: members already running elsewhere to
     *                       join instead of starting any, or null
     */
    public record Cluster(int members, String clusterMembers) {}

    private ScrapeSettings(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.concurrency = perCore(b.concurrency, "concurrency");
        this.productLinkSelector = blankToNull(b.productLinkSelector);
        this.computeRounds = b.computeRounds;
        this.gil = b.gil;
        if (computeRounds < 0) {
            throw new IllegalArgumentException("computeRounds must not be negative, was " + computeRounds);
        }
        if (b.pipeline.queueCapacity() < 0) {
            throw new IllegalArgumentException("queueCapacity must be 0 (= the model's default) or more, was "
                    + b.pipeline.queueCapacity());
        }
        this.pipeline = new Pipeline(b.pipeline.queueCapacity(), perCore(b.pipeline.parseWorkers(), "parseWorkers"));
        this.workerProcesses = new WorkerProcesses(perCore(b.workerProcesses.processes(), "processes"));
        this.cluster = new Cluster(perCore(b.cluster.members(), "members"), blankToNull(b.cluster.clusterMembers()));
    }

    /** Settings for pages from {@code source}; every count one per core until set. */
    public static Builder builder(PageSourceSpec source) {
        return new Builder().source(source);
    }

    /** Pages over HTTP with the default timeouts and retries, no rate limit, {@code concurrency} in flight. */
    public static ScrapeSettings http(int concurrency) {
        return builder(new PageSourceSpec.Http(HttpPageSource.Settings.DEFAULT)).concurrency(concurrency).build();
    }

    /** The fixture catalog of {@code catalog} generated in memory, {@code concurrency} in flight. */
    public static ScrapeSettings memory(CatalogSpec catalog, int concurrency) {
        return builder(new PageSourceSpec.Memory(catalog)).concurrency(concurrency).build();
    }

    /** A builder holding these settings, to change some. */
    public Builder toBuilder() {
        return new Builder().source(source).concurrency(concurrency).productLinkSelector(productLinkSelector)
                .computeRounds(computeRounds).gil(gil).pipeline(pipeline).workerProcesses(workerProcesses)
                .cluster(cluster);
    }

    public PageSourceSpec source() {
        return source;
    }

    public int concurrency() {
        return concurrency;
    }

    public String productLinkSelector() {
        return productLinkSelector;
    }

    public int computeRounds() {
        return computeRounds;
    }

    public boolean gil() {
        return gil;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public WorkerProcesses workerProcesses() {
        return workerProcesses;
    }

    public Cluster cluster() {
        return cluster;
    }

    /** Requests per second the page source may make, 0 for no limit; only a source over HTTP has one. */
    public double rate() {
        return source instanceof PageSourceSpec.Http http ? http.settings().rate() : 0;
    }

    public ScrapeSettings withConcurrency(int newConcurrency) {
        return toBuilder().concurrency(newConcurrency).build();
    }

    public ScrapeSettings withGil(boolean newGil) {
        return toBuilder().gil(newGil).build();
    }

    /** The same job with the HTTP source limited to {@code newRate} requests per second (0 = no limit). */
    public ScrapeSettings withRate(double newRate) {
        return toBuilder().rate(newRate).build();
    }

    /**
     * The settings of one of {@code buckets} processes that share this rate, each with a token
     * bucket of its own (a bucket shared across processes would cost a round trip to its owner per
     * request): each gets rate / buckets, so that together they never exceed the rate.
     */
    public ScrapeSettings sharedBy(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("a rate is shared by at least one bucket, not " + buckets);
        }
        return rate() == 0 ? this : withRate(rate() / buckets);
    }

    /** The one serialised form, for a child JVM. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the settings: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException with a one-line reason when the text is not settings */
    public static ScrapeSettings fromJson(String json) {
        try {
            return JSON.readValue(json, ScrapeSettings.class);
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            throw new IllegalArgumentException("unreadable settings: " + message.lines().findFirst().orElse(message), e);
        }
    }

    /** {@code n}, or the cores of this machine for 0: the one place "0 = one per core" is resolved. */
    private static int perCore(int n, String knob) {
        if (n < 0) {
            throw new IllegalArgumentException(knob + " must be 0 (= one per core) or more, was " + n);
        }
        return n == 0 ? cores() : n;
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScrapeSettings other && toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Builds settings; a count left at 0 becomes one per core. Also how {@link #fromJson} reads them. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private PageSourceSpec source;
        private int concurrency;
        private String productLinkSelector;
        private int computeRounds;
        private boolean gil;
        private Pipeline pipeline = new Pipeline(0, 0);
        private WorkerProcesses workerProcesses = new WorkerProcesses(0);
        private Cluster cluster = new Cluster(0, null);

        private Builder() {
        }

        public Builder source(PageSourceSpec newSource) {
            this.source = newSource;
            return this;
        }

        /** Requests in flight; 0 = one per core. */
        public Builder concurrency(int n) {
            this.concurrency = n;
            return this;
        }

        public Builder productLinkSelector(String css) {
            this.productLinkSelector = css;
            return this;
        }

        public Builder computeRounds(int rounds) {
            this.computeRounds = rounds;
            return this;
        }

        public Builder gil(boolean on) {
            this.gil = on;
            return this;
        }

        /** Requests per second for a source over HTTP, 0 for none; a source in memory takes only 0. */
        public Builder rate(double perSecond) {
            if (source instanceof PageSourceSpec.Http http) {
                source = new PageSourceSpec.Http(http.settings().withRate(perSecond));
            } else if (perSecond != 0) {
                throw new IllegalArgumentException("a rate limit needs a page source over HTTP, not " + source);
            }
            return this;
        }

        public Builder pipeline(Pipeline knobs) {
            this.pipeline = Objects.requireNonNull(knobs, "pipeline");
            return this;
        }

        public Builder workerProcesses(WorkerProcesses knobs) {
            this.workerProcesses = Objects.requireNonNull(knobs, "workerProcesses");
            return this;
        }

        public Builder cluster(Cluster knobs) {
            this.cluster = Objects.requireNonNull(knobs, "cluster");
            return this;
        }

        /** PIPELINE: each queue's capacity; 0 = the model's default. */
        public Builder queueCapacity(int capacity) {
            return pipeline(new Pipeline(capacity, pipeline.parseWorkers()));
        }

        /** PIPELINE: parse threads; 0 = one per core. */
        public Builder parseWorkers(int threads) {
            return pipeline(new Pipeline(pipeline.queueCapacity(), threads));
        }

        /** WORKER_PROCESSES: worker JVMs; 0 = one per core. */
        public Builder processes(int processes) {
            return workerProcesses(new WorkerProcesses(processes));
        }

        /** DISTRIBUTED: member JVMs started here; 0 = one per core. */
        public Builder members(int members) {
            return cluster(new Cluster(members, cluster.clusterMembers()));
        }

        /** DISTRIBUTED: {@code NAME@host:port,...} of members running elsewhere; blank for none. */
        public Builder clusterMembers(String members) {
            return cluster(new Cluster(cluster.members(), members));
        }

        public ScrapeSettings build() {
            return new ScrapeSettings(this);
        }
    }
}
