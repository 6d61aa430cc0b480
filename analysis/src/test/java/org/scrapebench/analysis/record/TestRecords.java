package org.scrapebench.analysis.record;

import java.util.List;
import java.util.Map;
import org.scrapebench.analysis.jmh.BenchmarkResult;

/** Run records for tests: a plausible run on 2 cores, with the rows a test gives. */
public final class TestRecords {

    private TestRecords() {}

    public static RunRecord withRows(List<RunRecord.Row> rows) {
        return withTrials(rows, null, List.of());
    }

    /** The same, with the host canary's record and the trials a test gives. */
    public static RunRecord withTrials(List<RunRecord.Row> rows, RunRecord.HostCanary canary, List<RunRecord.Trial> trials) {
        return withForkAgreement(rows, canary, null, trials);
    }

    /** The same, with how the run made its forks agree. */
    public static RunRecord withForkAgreement(List<RunRecord.Row> rows, RunRecord.HostCanary canary,
                                              RunRecord.ForkAgreement agreement, List<RunRecord.Trial> trials) {
        return new RunRecord(RunRecord.SCHEMA_VERSION,
                new RunRecord.Run("2026-12-04-jdk25", null, "2026-12-04T10:00:00Z", "2026-12-04T10:30:00Z", false, List.of()),
                new RunRecord.Options(List.of("IoBoundBenchmark"), List.of(), null, List.of()),
                new RunRecord.Git("0123456789abcdef0123456789abcdef01234567", false),
                new RunRecord.Jdk(25, "25.0.1", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "25.0.1+8", "/jdk"),
                new RunRecord.Machine(2, 25_000_000_000L, "Linux 6.1 amd64", "AMD EPYC", 0.1, 1.5),
                new RunRecord.Fixture("process", null, 42),
                new RunRecord.QuietCheck(false, 3.0, 0.01, 0.15, 0.1, false, false, List.of()),
                new RunRecord.ContaminationLimits(0.1, 0.05),
                canary,
                agreement,
                List.of(new RunRecord.ModelInfo("SERIAL", "one thread", 17, false, "ONE_THREAD"),
                        new RunRecord.ModelInfo("FIXED_THREAD_POOL", "a pool", 17, true, "THREADS")),
                List.of(), rows, trials);
    }

    /** A run of an interleaved pair: {@code id}, taken in rounds (fork agreement, none re-measured) with {@code partner}. */
    public static RunRecord interleaved(String id, String partner) {
        RunRecord r = withForkAgreement(List.of(), null, new RunRecord.ForkAgreement(0.01, 0.03, 0.05, 2, List.of()),
                List.of());
        return new RunRecord(r.schemaVersion(), new RunRecord.Run(id, null, r.run().startedAt(), r.run().finishedAt(),
                false, List.of(partner)), r.options(), r.git(), r.jdk(), r.machine(), r.fixture(), r.quietCheck(),
                r.contaminationLimits(), r.hostCanary(), r.forkAgreement(), r.models(), r.modelsLeftOut(), r.rows(),
                r.trials());
    }

    /** The same record, as taken on another host CPU. */
    public static RunRecord onCpu(RunRecord r, String cpuModel) {
        RunRecord.Machine m = r.machine();
        return new RunRecord(r.schemaVersion(), r.run(), r.options(), r.git(), r.jdk(),
                new RunRecord.Machine(m.cores(), m.memoryBytes(), m.os(), cpuModel, m.loadAverageAtStart(),
                        m.loadAverageAtEnd()),
                r.fixture(), r.quietCheck(), r.contaminationLimits(), r.hostCanary(), r.forkAgreement(), r.models(),
                r.modelsLeftOut(), r.rows(), r.trials());
    }

    /** The facts of one result row. */
    public static RunRecord.Row row(BenchmarkResult result, int cpuThreads, boolean limitsInFlight, int inFlight,
                                    Double latencyFloorMs) {
        return new RunRecord.Row(result.benchmark(), Map.copyOf(result.params()), cpuThreads, limitsInFlight, inFlight,
                latencyFloorMs);
    }
}
