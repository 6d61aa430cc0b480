package org.scrapebench.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.scrapebench.process.ChildJvm;
import org.scrapebench.process.ChildProcess;

/**
 * How fast the host runs right now, read from {@link HostCanaryMain} in a JVM of its own, which
 * lives as long as the run (stopped on close, and by the supervisor's shutdown hook on Ctrl-C).
 */
interface HostCanary extends AutoCloseable {

    /** What the canary times, for the run record. */
    String WORK = "one thread parsing the CPU-bound regime's 100 product pages of 64 KB, median of 3, in a JVM of its own"
            + " (beside it, for the record: SHA-256 over 64 KB x 400 and a dependent walk of 1M steps over 64 MB)";

    /**
     * One reading, in ms: the parse, which is what is compared, and beside it a pure compute part and
     * a memory-latency part, which say what kind of slowness a slow parse met.
     */
    record Reading(double computeMillis, double memoryMillis, double parseMillis) {
        double millis() {
            return parseMillis;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "parse %.0f ms (compute %.0f, memory %.0f)", parseMillis, computeMillis,
                    memoryMillis);
        }
    }

    Reading read() throws InterruptedException;

    @Override
    void close();

    /** The canary JVM, started and warm. */
    static HostCanary start() {
        return start(HostCanaryMain.WARM_UP_READINGS);
    }

    /** The canary JVM after {@code warmUpReadings} readings it keeps to itself (a test needs none). */
    static HostCanary start(int warmUpReadings) {
        return new Child(warmUpReadings);
    }

    /** The real one: {@link HostCanaryMain} under the suite's child-process supervisor. */
    final class Child implements HostCanary, ChildProcess.Listener {
        /** A reading takes well under a second; this only catches a canary that hangs. */
        private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(60);

        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private ChildProcess child;

        private Child(int warmUpReadings) {
            ChildJvm launch = ChildJvm.of("host-canary", List.of("-Xms128m", "-Xmx128m"),
                    HostCanaryMain.class.getName(), List.of(Integer.toString(warmUpReadings)));
            ChildProcess.start("host canary process", launch, "host-canary-out", started -> {
                child = started;
                return this;
            });
            child.awaitReady(ChildProcess.START_DEADLINE);
        }

        @Override
        public void line(String line) {
            answers.add(line);
        }

        @Override
        public void ended() {
            answers.add("");
        }

        @Override
        public Reading read() throws InterruptedException {
            try {
                child.send(HostCanaryMain.MEASURE);
            } catch (IOException e) {
                throw new IllegalStateException("the host canary has gone" + child.exitDescription());
            }
            String answer = answers.poll(ANSWER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null || answer.isEmpty()) {
                throw new IllegalStateException("the host canary gave no reading" + child.exitDescription());
            }
            String[] parts = answer.trim().split(" ");
            return new Reading(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        }

        @Override
        public void close() {
            child.stop(ChildProcess.STOP_GRACE);
        }
    }
}
