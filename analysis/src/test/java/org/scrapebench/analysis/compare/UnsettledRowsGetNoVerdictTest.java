package org.scrapebench.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.analysis.CliRun;
import org.scrapebench.analysis.jmh.JmhJsonReader;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.analysis.record.TestRecords;

/** A row its run left unsettled gets no verdict in a comparison, whatever its numbers say. */
class UnsettledRowsGetNoVerdictTest {

    @TempDir
    Path dir;

    @Test
    void anUnsettledRowIsInconclusiveWithItsReasonAndTheOthersKeepTheirVerdicts() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.copy(CliRun.resource("runs/2026-11-23-jdk25/jmh-result.json"), a.resolve("jmh-result.json"));
        Files.copy(CliRun.resource("runs/2026-11-23-jdk25/jmh-result.json"), b.resolve("jmh-result.json"));
        JmhJsonReader reader = new JmhJsonReader();
        Comparison plain = Comparison.of(reader.read(a.resolve("jmh-result.json")), reader.read(b.resolve("jmh-result.json")),
                ComparisonSettings.DEFAULTS);
        int chosen = 0;
        while (plain.rows().get(chosen).verdict() != Verdict.EQUIVALENT) {
            chosen++;
        }
        ComparisonRow row = plain.rows().get(chosen);

        RunRecord.ForkAgreement agreement = new RunRecord.ForkAgreement(0.01, 0.03, 0.05, 2, List.of(
                new RunRecord.Remeasured(row.base().benchmark(), row.base().params(), 2, 2, 0, true)));
        TestRecords.withForkAgreement(List.of(), null, agreement, List.of()).write(b.resolve(RunRecord.FILE));
        Comparison marked = Comparison.of(reader.read(a.resolve("jmh-result.json")), reader.read(b.resolve("jmh-result.json")),
                ComparisonSettings.DEFAULTS);

        ComparisonRow unsettled = marked.rows().get(chosen);
        assertEquals(row.base().key(), unsettled.base().key());
        assertEquals(Verdict.INCONCLUSIVE, unsettled.verdict(), "identical numbers, but one run could not settle the row");
        assertTrue(unsettled.warnings().stream().anyMatch(w -> w.contains("unsettled")), unsettled.warnings().toString());
        for (int i = 0; i < plain.rows().size(); i++) {
            if (i != chosen) {
                assertEquals(plain.rows().get(i).verdict(), marked.rows().get(i).verdict(),
                        "every other row keeps its verdict: " + plain.rows().get(i).base().key());
            }
        }
    }
}
