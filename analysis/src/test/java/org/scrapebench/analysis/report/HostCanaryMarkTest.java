package org.scrapebench.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scrapebench.analysis.record.RunRecord;

/** A trial that started while the host canary read slow is marked on its row, never averaged in silently. */
class HostCanaryMarkTest {

    private static final RunRecord.HostCanary CANARY = new RunRecord.HostCanary("work", 200.0, 0.20, 10, 0, 0);

    private static RunRecord.Trial trial(Double canaryMillis) {
        return new RunRecord.Trial("b.CpuBoundBenchmark.scrape", Map.of("model", "SERIAL"), "2026-12-05T10:00:00Z",
                "2026-12-05T10:00:20Z", 10, 0, 0.01, 0.02, 0.0, false, canaryMillis, null);
    }

    @Test
    void aSlowReadingMarksTheRow() {
        String cell = RunReport.host(List.of(trial(201.0), trial(250.0), trial(204.0)), CANARY);
        assertEquals("**slow host: 1 of 3 trials, up to +25%**", cell);
    }

    @Test
    void readingsWithinTheToleranceAreSteady() {
        assertEquals("steady (+15%)", RunReport.host(List.of(trial(200.0), trial(230.0)), CANARY));
        assertEquals("steady (-5%)", RunReport.host(List.of(trial(190.0)), CANARY));
    }

    @Test
    void aTrialWithoutAReadingSaysSo() {
        assertEquals("n/a", RunReport.host(List.of(trial(null)), CANARY));
        assertTrue(CANARY.slow(241.0));
        assertTrue(!CANARY.slow(240.0));
        assertTrue(!CANARY.slow(null));
    }
}
