package org.scrapebench.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.scrapebench.analysis.record.RunRecord;

/**
 * Before every fork: how fast is the host now, against the fastest it has been in this run? The
 * host's speed drifts where {@code /proc} cannot see it (other tenants' memory traffic), so the
 * quiet check at the start is not enough. A fork about to start on a host slower than the run's
 * typical canary reading by more than {@link #SLOW_ABOVE} waits (in steps, up to a limit, saying so)
 * and reads again; after the limit it runs anyway, and its trial carries the slow reading, which
 * the report marks. A smoke run reads and records, but does not wait.
 */
final class HostWatch {

    /**
     * The share by which a reading may exceed the run's typical reading before the host counts as
     * slow: above what the canary wanders on a quiet host within a minute (docs/method.md gives the
     * measurement), below the slow hours it is there to catch.
     */
    static final double SLOW_ABOVE = 0.40;
    /**
     * Forks whose readings are taken unjudged to make the reference: readings between forks run
     * slower than one taken before any (a fork's JVM and servers have just let go of their memory),
     * so the reference comes from the same moment as the readings it judges.
     */
    static final int FIRST_READINGS = 3;
    static final Duration WAIT_STEP = Duration.ofSeconds(30);
    static final Duration WAIT_LIMIT = Duration.ofMinutes(10);

    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HostCanary canary;
    private final Sleeper sleeper;
    private final boolean mayWait;
    private final Consumer<String> say;

    /** The readings forks started after, slow ones left out: their median is the reference. */
    private final List<Double> accepted = new ArrayList<>();
    private int readings;
    private int waits;
    private Duration waited = Duration.ZERO;

    HostWatch(HostCanary canary, Sleeper sleeper, boolean mayWait, Consumer<String> say) {
        this.canary = canary;
        this.sleeper = sleeper;
        this.mayWait = mayWait;
        this.say = say;
    }

    /** The reading the fork starts after: the last one, once the host is steady or the wait is over. */
    HostCanary.Reading beforeFork() throws InterruptedException {
        HostCanary.Reading reading = read();
        Duration waitedNow = Duration.ZERO;
        while (mayWait && slow(reading.millis()) && waitedNow.compareTo(WAIT_LIMIT) < 0) {
            say.accept(String.format(Locale.ROOT, "bench: the host reads %s slow (canary %s, typical %.0f ms);"
                    + " waiting %d s before the next fork (%d of at most %d s waited)", percent(reading.millis()),
                    reading, referenceMillis(), WAIT_STEP.toSeconds(), waitedNow.toSeconds(), WAIT_LIMIT.toSeconds()));
            sleeper.sleep(WAIT_STEP);
            waits++;
            waitedNow = waitedNow.plus(WAIT_STEP);
            waited = waited.plus(WAIT_STEP);
            reading = read();
        }
        if (!slow(reading.millis())) {
            accepted.add(reading.millis());
        } else if (mayWait) {
            say.accept("bench: the host still reads " + percent(reading.millis()) + " slow after "
                    + WAIT_LIMIT.toSeconds() + " s; the fork runs, and the report marks its trial");
        }
        return reading;
    }

    private HostCanary.Reading read() throws InterruptedException {
        HostCanary.Reading reading = canary.read();
        readings++;
        return reading;
    }

    /** Slower than the run's typical reading by more than {@link #SLOW_ABOVE}; until the reference is made, nothing is. */
    boolean slow(double millis) {
        return accepted.size() >= FIRST_READINGS && millis > referenceMillis() * (1 + SLOW_ABOVE);
    }

    private String percent(double millis) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * (millis / referenceMillis() - 1));
    }

    /**
     * The median of the readings forks started after, slow ones left out, or NaN before the first:
     * the median rather than the best, since a quiet host's readings wander by more than the best
     * one suggests; slow ones left out, so that a long slow spell does not become the reference.
     */
    double referenceMillis() {
        if (accepted.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = accepted.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** What the run record says of the canary. */
    RunRecord.HostCanary record() {
        return new RunRecord.HostCanary(HostCanary.WORK, accepted.isEmpty() ? null : referenceMillis(), SLOW_ABOVE,
                readings, waits, waited.toSeconds());
    }

    int readings() {
        return readings;
    }

    int waits() {
        return waits;
    }

    Duration waited() {
        return waited;
    }
}
