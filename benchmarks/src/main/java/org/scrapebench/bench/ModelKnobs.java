package org.scrapebench.bench;

import java.util.Locale;
import org.scrapebench.models.Model;

/**
 * The model and the knobs it reads, as a benchmark's params give them.
 *
 * @param concurrency   requests in flight; 0 = one per core
 * @param computeRounds rounds of per-product CPU work
 * @param gil           whether CPU work holds one lock per process
 * @param processes     worker processes for the models that start them; 0 = one per core
 * @param queueCapacity capacity of each queue between pipeline stages; 0 = the model's default
 * @param parseWorkers  threads of a pipeline's parse stage; 0 = one per core
 * @param members        cluster member JVMs for the models that start them; 0 = one per core
 * @param clusterMembers {@code NAME@host:port,...} of members running elsewhere to join instead; blank for none
 * @param rate          requests per second to the site; 0 = no limit
 */
public record ModelKnobs(Model model, int concurrency, int computeRounds, boolean gil, int processes,
                         int queueCapacity, int parseWorkers, int members, String clusterMembers, int rate) {

    public ModelKnobs {
        if (rate < 0) {
            throw new IllegalArgumentException("rate must be 0 (none) or more requests per second, was " + rate);
        }
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be 0 (= cores) or more, was " + concurrency);
        }
        if (processes < 0) {
            throw new IllegalArgumentException("processes must be 0 (= cores) or more, was " + processes);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queueCapacity must be 0 (= the model's default) or more, was "
                    + queueCapacity);
        }
        if (parseWorkers < 0) {
            throw new IllegalArgumentException("parseWorkers must be 0 (= cores) or more, was " + parseWorkers);
        }
        if (members < 0) {
            throw new IllegalArgumentException("members must be 0 (= cores) or more, was " + members);
        }
    }

    /** From the params' text; {@code gil} is {@code on} or {@code off}. */
    public static ModelKnobs of(Model model, int concurrency, int computeRounds, String gil, int processes,
                                int queueCapacity, int parseWorkers, int members, String clusterMembers) {
        return new ModelKnobs(model, concurrency, computeRounds, parseSwitch("gil", gil), processes, queueCapacity,
                parseWorkers, members, clusterMembers, 0);
    }

    public ModelKnobs withRate(int newRate) {
        return new ModelKnobs(model, concurrency, computeRounds, gil, processes, queueCapacity, parseWorkers, members,
                clusterMembers, newRate);
    }

    /** {@code n = 0} means one per core, as in shipilev's benchmarks. */
    static int perCore(int n) {
        return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
    }

    static boolean parseSwitch(String name, String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, was '" + value + "'");
        };
    }
}
