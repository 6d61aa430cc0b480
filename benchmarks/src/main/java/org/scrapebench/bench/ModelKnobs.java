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
 * @param members        cluster member JVMs for the models that start them; 0 = one per core
 * @param clusterMembers {@code NAME@host:port,...} of members running elsewhere to join instead; blank for none
 */
public record ModelKnobs(Model model, int concurrency, int computeRounds, boolean gil, int processes, int members,
                         String clusterMembers) {

    public ModelKnobs {
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be 0 (= cores) or more, was " + concurrency);
        }
        if (processes < 0) {
            throw new IllegalArgumentException("processes must be 0 (= cores) or more, was " + processes);
        }
        if (members < 0) {
            throw new IllegalArgumentException("members must be 0 (= cores) or more, was " + members);
        }
    }

    /** From the params' text; {@code gil} is {@code on} or {@code off}. */
    public static ModelKnobs of(Model model, int concurrency, int computeRounds, String gil, int processes,
                                int members, String clusterMembers) {
        return new ModelKnobs(model, concurrency, computeRounds, parseSwitch("gil", gil), processes, members,
                clusterMembers);
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
