package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host that reads slow before a fork makes the fork wait, and a wait has a limit; nothing here sleeps. */
class HostWatchTest {

    /** A canary that gives the readings it is told, then repeats the last one. */
    private static final class Scripted implements HostCanary {
        private final Deque<Double> readings = new ArrayDeque<>();

        Scripted(double... millis) {
            for (double m : millis) {
                readings.add(m);
            }
        }

        @Override
        public Reading read() {
            double m = readings.size() > 1 ? readings.poll() : readings.peek();
            return new Reading(m / 4, m / 2, m);
        }

        @Override
        public void close() {}
    }

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> said = new ArrayList<>();

    @Test
    void aSlowHostIsWaitedOutUntilItRecovers() throws Exception {
        HostWatch watch = new HostWatch(new Scripted(100, 100, 100, 150, 145, 101), slept::add, true, said::add);
        for (int i = 0; i < HostWatch.FIRST_READINGS; i++) {
            assertEquals(100, watch.beforeFork().millis(), 1e-9);
        }
        assertEquals(101, watch.beforeFork().millis(), 1e-9);
        assertEquals(List.of(HostWatch.WAIT_STEP, HostWatch.WAIT_STEP), slept);
        assertEquals(2, said.size());
        assertTrue(said.get(0).startsWith("bench: the host reads 50% slow"), said.get(0));
        assertEquals(2, watch.waits());
        assertEquals(6, watch.record().readings());
        assertEquals(100.0, watch.record().referenceMillis(), 1e-9, "the median of the readings forks started after");
    }

    @Test
    void aHostThatStaysSlowIsWaitedForUpToTheLimitThenTheForkRunsAndSaysSo() throws Exception {
        HostWatch watch = new HostWatch(new Scripted(100, 100, 100, 150), slept::add, true, said::add);
        for (int i = 0; i < HostWatch.FIRST_READINGS; i++) {
            watch.beforeFork();
        }
        HostCanary.Reading reading = watch.beforeFork();
        assertTrue(watch.slow(reading.millis()));
        assertEquals(HostWatch.WAIT_LIMIT, slept.stream().reduce(Duration.ZERO, Duration::plus));
        assertTrue(said.get(said.size() - 1).contains("the fork runs, and the report marks its trial"),
                said.get(said.size() - 1));
    }

    @Test
    void aSmokeRunReadsButNeverWaits() throws Exception {
        HostWatch watch = new HostWatch(new Scripted(100, 100, 100, 150), slept::add, false, said::add);
        for (int i = 0; i < HostWatch.FIRST_READINGS; i++) {
            watch.beforeFork();
        }
        assertEquals(150, watch.beforeFork().millis(), 1e-9);
        assertEquals(List.of(), slept);
        assertEquals(List.of(), said);
    }

    @Test
    void theFirstForksReadingsMakeTheReferenceUnjudged() throws Exception {
        HostWatch watch = new HostWatch(new Scripted(100, 300, 310, 320, 900), slept::add, true, said::add);
        for (int i = 0; i < 4; i++) {
            watch.beforeFork();
        }
        assertEquals(List.of(), slept, "a slow spell within the first forks is the reference, not a wait");
        assertEquals(305, watch.record().referenceMillis(), 1e-9);
        assertTrue(watch.slow(900));
    }

    @Test
    void oneLuckyFastReadingDoesNotMakeASteadyHostSlow() throws Exception {
        HostWatch watch = new HostWatch(new Scripted(200, 160, 210, 230, 205, 250, 260), slept::add, true, said::add);
        for (int i = 0; i < 7; i++) {
            watch.beforeFork();
        }
        assertEquals(List.of(), slept, "readings within 40% of the median never wait");
        assertEquals(7, watch.record().readings());
        assertEquals(210, watch.record().referenceMillis(), 1e-9);
        assertTrue(watch.slow(295), "over 40% above the median is slow");
        assertTrue(!watch.slow(293));
    }

    @Test
    void theRealCanaryAnswersWithThreePositiveTimesAndStops() throws Exception {
        HostCanary canary = HostCanary.start(0);
        try {
            HostCanary.Reading reading = canary.read();
            assertTrue(reading.computeMillis() > 0 && reading.memoryMillis() > 0 && reading.parseMillis() > 0, reading::toString);
        } finally {
            canary.close();
        }
        assertTrue(ProcessHandle.current().children().noneMatch(p -> p.info().commandLine().orElse("")
                .contains(HostCanaryMain.class.getName())), "the canary JVM outlived close()");
    }
}
