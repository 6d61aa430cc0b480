package org.scrapebench.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Before a run: is anything else using the CPUs? Watches the machine for a few seconds and
 * measures the CPU used by processes outside this one ({@link MachineLoad}). On 2 cores, another
 * build or test beside the benchmarks moved CPU-bound results by 22-43% in this project's history,
 * so a busy machine stops the run before it starts. The load average is recorded but does not
 * decide: it trails the last minutes (the tests that {@code mvn verify -Pbench} runs first raise
 * it) while the CPUs may already be idle.
 */
record QuietCheck(double seconds, double foreignCores, double loadAverage, List<String> busiest, boolean skipped) {

    /** Foreign CPU, in cores, above which the machine counts as busy. */
    static final double BUSY_CORES = 0.15;
    static final Duration WINDOW = Duration.ofSeconds(3);

    boolean busy() {
        return !skipped && foreignCores > BUSY_CORES;
    }

    static QuietCheck measure() throws InterruptedException {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (!MachineLoad.available()) {
            return new QuietCheck(0, Double.NaN, load, List.of(), true);
        }
        MachineLoad.Sample start = MachineLoad.sample(true);
        Thread.sleep(WINDOW.toMillis());
        MachineLoad.Window window = MachineLoad.between(start, MachineLoad.sample(true));
        return new QuietCheck(window.seconds(), window.foreignCores(), load, window.busiest(), false);
    }

    /** The one line a busy machine gets. */
    String refusal() {
        return String.format(Locale.ROOT, "bench: the machine is busy: other processes used %.0f%% of a core over %.0f s"
                + " (load average %.1f)%s; benchmark on a quiet machine, or pass -Dbench.force (--force) to run anyway"
                + " and have the contaminated trials flagged", 100 * foreignCores, seconds, loadAverage,
                busiest.isEmpty() ? "" : "; busiest: " + String.join(", ", busiest));
    }
}
