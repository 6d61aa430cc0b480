package org.scrapebench.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scrapebench.analysis.BadInputException;
import org.scrapebench.analysis.CliRun;
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.jmh.ResultFile;
import org.scrapebench.analysis.record.TestRecords;

/** A baseline taken in parts: each regime from the first part that holds it, and the tables say which. */
class SummaryPartsTest {

    private static final RunDirectory JDK25 = RunDirectory.load(CliRun.resource("runs/2026-11-23-jdk25"));
    private static final RunDirectory JDK17 = RunDirectory.load(CliRun.resource("runs/2026-11-20-jdk17"));

    /** The run's rows of one class (and its calibration), as a run directory of another name. */
    private static RunDirectory only(RunDirectory run, String className, String name) {
        ResultFile all = run.results();
        return new RunDirectory(Path.of(name), new ResultFile(all.path(), all.label(), all.digest(), all.results().stream()
                .filter(r -> r.benchmark().contains("." + className + ".") || r.benchmark().contains(".CalibrationBenchmark."))
                .toList()), run.record());
    }

    private static Summary.Part part(String className, String suffix) {
        return new Summary.Part(only(JDK25, className, "jdk25-" + suffix), only(JDK25, className, "jdk25-" + suffix + "-2"),
                only(JDK17, className, "jdk17-" + suffix));
    }

    /** The lines of the model rows and the A/A row: what a part must give exactly as the whole run does. */
    private static List<String> cells(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("| `") || l.startsWith("| A/A ratio")).toList();
    }

    @Test
    void twoPartsGiveTheWholeRunsCellsAndNameThePartOfEachRegime() {
        String whole = new Summary(JDK25, JDK25, JDK17, ComparisonSettings.DEFAULTS).markdown();
        String parts = new Summary(List.of(part("IoBoundBenchmark", "io"), part("CpuBoundBenchmark", "cpu")),
                ComparisonSettings.DEFAULTS).markdown();

        assertEquals(cells(whole), cells(parts), parts);
        assertTrue(parts.contains("Median ms per job on JDK 25 (io-bound: jdk25-io; cpu-bound: jdk25-cpu)"), parts);
        assertTrue(parts.contains("(JDK 25 measured twice, io-bound: jdk25-io and jdk25-io-2; "
                + "cpu-bound: jdk25-cpu and jdk25-cpu-2)"), parts);
        assertTrue(parts.lines().anyMatch(l -> l.startsWith("| JDK 25 vs 17, rows | ") && !l.contains("n/a")), parts);
    }

    @Test
    void aRegimeInTwoPartsComesFromTheFirstAndAPartThatSuppliesNothingIsNotNamed() {
        String parts = new Summary(List.of(part("IoBoundBenchmark", "io"),
                new Summary.Part(JDK25, JDK25, JDK17)), ComparisonSettings.DEFAULTS).markdown();
        assertTrue(parts.contains("(io-bound: jdk25-io; cpu-bound: 2026-11-23-jdk25)"), parts);

        String second = new Summary(List.of(new Summary.Part(JDK25, JDK25, JDK17), part("IoBoundBenchmark", "io")),
                ComparisonSettings.DEFAULTS).markdown();
        assertFalse(second.contains("jdk25-io"), second);
        assertEquals(new Summary(JDK25, JDK25, JDK17, ComparisonSettings.DEFAULTS).markdown(), second);
    }

    /** The same run, recorded as taken on another host CPU. */
    private static RunDirectory onCpu(RunDirectory run, String cpuModel) {
        return new RunDirectory(run.dir(), run.results(),
                Optional.of(TestRecords.onCpu(run.record().orElseThrow(), cpuModel)));
    }

    @Test
    void partsTakenOnDifferentHostCpusSaySoAndNameEachPartsCpu() {
        Summary.Part io = part("IoBoundBenchmark", "io");
        Summary.Part cpu = part("CpuBoundBenchmark", "cpu");
        Summary.Part movedCpu = new Summary.Part(onCpu(cpu.run(), "Other CPU"), onCpu(cpu.again(), "Other CPU"),
                onCpu(cpu.otherJdk(), "Other CPU"));

        String same = new Summary(List.of(io, cpu), ComparisonSettings.DEFAULTS).markdown();
        String mixed = new Summary(List.of(io, movedCpu), ComparisonSettings.DEFAULTS).markdown();
        assertTrue(mixed.contains("(io-bound: jdk25-io on unknown; cpu-bound: jdk25-cpu on Other CPU)"), mixed);
        assertTrue(mixed.contains("the parts ran on different host CPUs"), mixed);
        assertEquals(cells(same), cells(mixed), "the numbers are the same; only the naming differs");

        assertFalse(same.contains("host CPUs"), same);
        assertFalse(same.contains(" on unknown"), same);
    }

    @Test
    void partsOfOtherJdksAreRefused() {
        BadInputException e = assertThrows(BadInputException.class, () -> new Summary(List.of(
                new Summary.Part(JDK25, JDK25, JDK17), new Summary.Part(JDK17, JDK17, JDK25)),
                ComparisonSettings.DEFAULTS));
        assertTrue(e.getMessage().contains("every part compares the same JDKs"), e.getMessage());
    }
}
