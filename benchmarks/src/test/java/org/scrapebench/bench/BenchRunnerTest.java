package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchRunnerTest {

    @TempDir
    Path temp;

    @Test
    void runDirectoriesAreNamedByDateAndJdkAndNeverOverwritten() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 23);
        assertEquals("2026-11-23-jdk25", RunDirectory.create(temp, day, 25, "").getFileName().toString());
        assertEquals("2026-11-23-jdk25-2", RunDirectory.create(temp, day, 25, null).getFileName().toString());
        assertEquals("2026-11-23-jdk17-g1-heap", RunDirectory.create(temp, day, 17, "g1 heap").getFileName().toString());
    }

    @Test
    void probesTheForkJvmItself() {
        ForkJvm current = ForkJvm.probe("");
        assertEquals(Runtime.version().feature(), current.major());
        assertEquals(System.getProperty("java.version"), current.version());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForkJvm.probe("/no/such/java"));
        assertEquals("--jvm '/no/such/java' is not an executable java", e.getMessage());
    }

    @Test
    void environmentRecordsWhatJmhDoesNot() throws Exception {
        Path run = RunDirectory.create(temp, LocalDate.of(2026, 11, 23), 17, "");
        ForkJvm jvm = ForkJvm.probe("");
        EnvironmentRecord.write(run.resolve("environment.json"), EnvironmentRecord.describe(run,
                new EnvironmentRecord.Start(Instant.parse("2026-11-23T10:00:00Z"), 0.25, "abc123", false),
                Instant.parse("2026-11-23T10:12:00Z"), jvm, false,
                List.of("IoBoundBenchmark"), List.of(BenchRunner.ordered("model", "VIRTUAL_THREADS", "reason", "needs JDK 21+")),
                "-f 3 -p siteUrl=http://fixtures.example:8080/category/p/1", "", ""));
        JsonNode env = new ObjectMapper().readTree(run.resolve("environment.json").toFile());
        assertEquals(1, env.get("schemaVersion").asInt());
        assertEquals("2026-11-23-jdk17", env.get("runId").asText());
        assertEquals(jvm.major(), env.get("jdk").get("major").asInt());
        assertEquals(Runtime.getRuntime().availableProcessors(), env.get("machine").get("cores").asInt());
        assertTrue(env.get("machine").get("memoryBytes").asLong() > 0);
        assertEquals("2026-11-23T10:00:00Z", env.get("startedAt").asText());
        assertEquals(0.25, env.get("machine").get("loadAverageAtStart").asDouble());
        assertEquals("abc123", env.get("git").get("commit").asText(), "the commit read when the run started");
        assertFalse(env.get("git").get("dirty").asBoolean());
        assertEquals("url", env.get("fixture").get("mode").asText());
        assertEquals("http://fixtures.example:8080/category/p/1", env.get("fixture").get("url").asText());
        assertEquals("VIRTUAL_THREADS", env.get("modelsLeftOut").get(0).get("model").asText());
        assertEquals(List.of("-f", "3", "-p", "siteUrl=http://fixtures.example:8080/category/p/1"),
                new ObjectMapper().convertValue(env.get("jmhArgs"), List.class));
    }

    @Test
    void badOptionsStopBeforeAnythingRuns() throws Exception {
        Path results = temp.resolve("results");
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(), "--jvm", "/no/java"));
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(), "--include", "(["));
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(), "--args", "-f notanumber"));
        assertFalse(Files.exists(results), "no run directory for a run that never started");
    }
}
