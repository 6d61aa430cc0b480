package org.scrapebench.process;

import java.net.URI;
import java.util.Optional;
import org.scrapebench.scrape.Failure;

/**
 * What happens to a product handed to another process (a worker, a cluster member) when that
 * process breaks while holding it: it dies, even by kill -9, gives no answer within its reply
 * deadline, or answers garbage. The product is charged a strike and handed to another process;
 * at {@value #MAX_STRIKES} strikes it is reported as failed, naming the last problem, so that a
 * product that breaks every process it meets cannot hold up a job for ever, and one that merely
 * shared a process with it loses nothing. The worker processes and the cluster keep to the same
 * policy, so that the two models fail a product under the same conditions.
 */
public final class RedispatchPolicy {

    /** Processes that may break on one product before it is given up: the first and two more. */
    public static final int MAX_STRIKES = 3;

    private final String processes;

    /** @param processes what breaks, plural, for the failure's reason ("worker processes") */
    public RedispatchPolicy(String processes) {
        this.processes = processes;
    }

    /** A fresh record of strikes for one product. */
    public Strikes strikes() {
        return new Strikes();
    }

    /**
     * One product's strikes. Not thread-safe: changed only by whoever holds the product at the time
     * (it is handed on through a queue, or guarded by its owner's lock).
     */
    public final class Strikes {
        private int count;
        private String last;

        private Strikes() {
        }

        /**
         * Charges one strike for {@code problem}: the product's failure if that was its last, else
         * empty, and the product goes to another process.
         */
        public Optional<Failure> charge(URI url, String problem) {
            count++;
            last = problem;
            if (count < MAX_STRIKES) {
                return Optional.empty();
            }
            return Optional.of(new Failure(url, MAX_STRIKES,
                    processes + " failed " + MAX_STRIKES + " times on this product; the last: " + problem));
        }

        public int count() {
            return count;
        }

        /** The problem of the last strike, or null before the first. */
        public String last() {
            return last;
        }
    }
}
