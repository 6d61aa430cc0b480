package org.scrapebench.analysis.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.analysis.BadInputException;
import org.scrapebench.analysis.CliRun;

/** environment.json has one type on both sides, and a field that is missing is an error, never a default. */
class RunRecordTest {

    @TempDir
    Path dir;

    private static final RunRecord.Row ROW = new RunRecord.Row("b.IoBoundBenchmark.scrape",
            Map.of("model", "SERIAL", "latency", "fixed:50"), 1, false, 1, 2100.0);

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        RunRecord record = TestRecords.withRows(List.of(ROW));
        Path file = dir.resolve(RunRecord.FILE);
        record.write(file);
        assertEquals(record, RunRecord.read(file));
        assertEquals(ROW, RunRecord.read(file).row("b.IoBoundBenchmark.scrape",
                Map.of("latency", "fixed:50", "model", "SERIAL")).orElseThrow());
    }

    @Test
    void aMissingFieldIsAnErrorNamingIt() throws Exception {
        Path file = written(json -> ((ObjectNode) json.get("machine")).remove("cores"));
        BadInputException e = assertThrows(BadInputException.class, () -> RunRecord.read(file));
        assertTrue(e.getMessage().contains("cores"), e.getMessage());
        assertTrue(e.getMessage().contains("machine"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());

        Path noFloor = written(json -> ((ObjectNode) json.get("rows").get(0)).remove("latencyFloorMs"));
        assertThrows(BadInputException.class, () -> RunRecord.read(noFloor), "null is written, never left out");
    }

    @Test
    void anUnknownFieldOrAnotherSchemaIsAnError() throws Exception {
        Path unknown = written(json -> json.put("someFutureField", true));
        assertTrue(assertThrows(BadInputException.class, () -> RunRecord.read(unknown)).getMessage()
                .contains("someFutureField"));
        Path older = written(json -> json.put("schemaVersion", 2));
        assertTrue(assertThrows(BadInputException.class, () -> RunRecord.read(older)).getMessage()
                .contains("schema version 2"));
    }

    @Test
    void aRecordOfTheSchemaBeforeForkAgreementReadsAsARunThatReMeasuredNothing() throws Exception {
        RunRecord.Trial trial = new RunRecord.Trial("b.IoBoundBenchmark.scrape", Map.of("model", "SERIAL"),
                "2026-12-04T10:00:00Z", "2026-12-04T10:00:20Z", 5, 0, 0.01, 0.02, 0.0, false, 210.0, null);
        RunRecord.ForkAgreement agreement = new RunRecord.ForkAgreement(0.01, 0.03, 0.05, 2, List.of(
                new RunRecord.Remeasured("b.IoBoundBenchmark.scrape", Map.of("model", "SERIAL"), 2, 1, 1, false)));
        Path file = dir.resolve(RunRecord.FILE);
        TestRecords.withForkAgreement(List.of(ROW), null, agreement, List.of(trial)).write(file);
        assertEquals(1, RunRecord.read(file).remeasured("b.IoBoundBenchmark.scrape", Map.of("model", "SERIAL"))
                .orElseThrow().addedForks());

        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        root.put("schemaVersion", 4);
        root.remove("forkAgreement");
        ((ObjectNode) root.get("trials").get(0)).remove("setAside");
        Files.writeString(file, json.writeValueAsString(root));
        RunRecord older = RunRecord.read(file);
        assertEquals(null, older.forkAgreement());
        assertTrue(older.remeasured("b.IoBoundBenchmark.scrape", Map.of("model", "SERIAL")).isEmpty());
        assertEquals(210.0, older.trials().get(0).hostCanaryMillis());
        assertEquals(null, older.trials().get(0).setAside());
        assertEquals(List.of(), older.options().notRun());
    }

    @Test
    void aRecordOfTheSchemaBeforeStoppedRunsReadsAsARunThatRanEveryClassItNames() throws Exception {
        Path file = written(json -> {
            json.put("schemaVersion", 5);
            ((ObjectNode) json.get("options")).remove("notRun");
        });
        RunRecord older = RunRecord.read(file);
        assertEquals(List.of(), older.options().notRun());
        assertEquals(List.of("IoBoundBenchmark"), older.options().benchmarks());
        Path now = written(json -> ((ObjectNode) json.get("options")).remove("notRun"));
        assertTrue(assertThrows(BadInputException.class, () -> RunRecord.read(now)).getMessage().contains("notRun"));
    }

    @Test
    void theReportOfARunStoppedEarlyNamesTheClassesNotRun() throws Exception {
        Path run = Files.createDirectories(dir.resolve("2026-11-23-jdk25"));
        Files.copy(CliRun.resource("runs/2026-11-23-jdk25/jmh-result.json"), run.resolve("jmh-result.json"));
        RunRecord whole = RunRecord.read(CliRun.resource("runs/2026-11-23-jdk25/" + RunRecord.FILE));
        RunRecord.Options options = whole.options();
        new RunRecord(whole.schemaVersion(), whole.run(), new RunRecord.Options(options.benchmarks(), options.jmhArgs(),
                options.include(), List.of("MixedBenchmark", "FaultBenchmark")), whole.git(), whole.jdk(), whole.machine(),
                whole.fixture(), whole.quietCheck(), whole.contaminationLimits(), whole.hostCanary(),
                whole.forkAgreement(), whole.models(), whole.modelsLeftOut(), whole.rows(), whole.trials())
                .write(run.resolve(RunRecord.FILE));
        CliRun cli = CliRun.of("report", "--no-charts", run.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(Files.readString(run.resolve("report.md")).contains(
                "| stopped early | not run: MixedBenchmark, FaultBenchmark; the classes this report shows finished on every"
                        + " JDK of the run |"));
    }

    @Test
    void theReportRefusesABrokenRecordInOneLine() throws Exception {
        Path run = Files.createDirectories(dir.resolve("2026-11-23-jdk25"));
        Files.copy(CliRun.resource("runs/2026-11-23-jdk25/jmh-result.json"), run.resolve("jmh-result.json"));
        Path file = written(json -> ((ObjectNode) json.get("git")).remove("commit"));
        Files.copy(file, run.resolve(RunRecord.FILE));
        CliRun cli = CliRun.of("report", "--no-charts", run.toString());
        assertEquals(2, cli.exitCode());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains("commit"), cli.err());
    }

    private Path written(java.util.function.Consumer<ObjectNode> change) throws Exception {
        Path file = Files.createTempFile(dir, "environment", ".json");
        TestRecords.withRows(List.of(ROW)).write(file);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        change.accept(root);
        Files.writeString(file, json.writeValueAsString(root));
        return file;
    }
}
