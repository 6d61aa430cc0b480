package org.scrapebench.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.analysis.CliRun;

class CompareCommandTest {

    private static final String JDK17 = CliRun.resource("runs/2026-11-20-jdk17/jmh-result.json").toString();
    private static final String JDK25 = CliRun.resource("runs/2026-11-23-jdk25/jmh-result.json").toString();

    @Test
    void markdownMatchesTheGoldenFile() throws IOException {
        CliRun run = CliRun.of("compare", JDK17, JDK25);
        assertEquals(0, run.exitCode(), run.err());
        String expected = Files.readString(CliRun.resource("golden/compare.md"), StandardCharsets.UTF_8);
        assertEquals(expected, run.out().replace("\r\n", "\n"));
        assertEquals("", run.err());
    }

    @Test
    void outputIsReproducibleAndTheSeedMatters() {
        assertEquals(CliRun.of("compare", JDK17, JDK25).out(), CliRun.of("compare", JDK17, JDK25).out());
        String seeded = CliRun.of("compare", "--seed", "7", "--format", "csv", JDK17, JDK25).out();
        assertFalse(seeded.equals(CliRun.of("compare", "--format", "csv", JDK17, JDK25).out()));
    }

    @Test
    void csvHasExactlyTheDocumentedColumns() {
        CliRun run = CliRun.of("compare", "--format", "csv", JDK17, JDK25);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("benchmark,mode,params,unit,n_base,n_other,score_base,error_base,score_other,error_other,"
                + "ratio,ratio_ci_low,ratio_ci_high,p_welch,p_mwu,p_adjusted,verdict", lines.get(0));
        assertEquals(1 + 22, lines.size());
        String worker = lines.stream().filter(l -> l.contains("model=WORKER_PROCESSES")).findFirst().orElseThrow();
        String[] f = worker.split(",", -1);
        assertEquals(17, f.length);
        assertEquals("org.scrapebench.bench.CpuBoundBenchmark.scrape", f[0]);
        assertEquals("avgt", f[1]);
        assertEquals("computeRounds=100;concurrency=2;model=WORKER_PROCESSES;pageKb=64;products=200", f[2]);
        assertEquals("ms/op", f[3]);
        assertEquals("10", f[4]);
        assertEquals(Double.parseDouble(f[8]) / Double.parseDouble(f[6]), Double.parseDouble(f[10]), 1e-12);
        assertTrue(Double.parseDouble(f[11]) < Double.parseDouble(f[10]));
        assertTrue(Double.parseDouble(f[10]) < Double.parseDouble(f[12]));
        assertTrue(Double.parseDouble(f[15]) >= Double.parseDouble(f[13]), "Holm never lowers p");
        assertEquals("slower", f[16]);
    }

    @Test
    void jsonParsesAndCarriesRowsAndQuotableLines() throws IOException {
        CliRun run = CliRun.of("compare", "--format", "json", JDK17, JDK25, JDK25);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode comparisons = root.get("comparisons");
        assertEquals(2, comparisons.size(), "one comparison per further file");
        JsonNode first = comparisons.get(0);
        assertEquals("17.0.15", first.get("base").get("jdkVersion").asText());
        assertEquals(22, first.get("rows").size());
        assertEquals(4, first.get("only_in_other").size());
        assertTrue(first.get("regression").asBoolean());
        JsonNode row = first.get("rows").get(0);
        assertTrue(row.get("p_welch").isNumber());
        assertTrue(row.get("quotable").asText().contains("files "));
        assertEquals(22, first.get("quotable").size());
        assertTrue(first.get("geometric_mean").get("ratio").isNumber());
    }

    @Test
    void quotableLineCitesEverythingNeededToCheckIt() {
        String out = CliRun.of("compare", JDK17, JDK25).out();
        String line = out.lines().filter(l -> l.startsWith("- `FIXED_THREAD_POOL io-bound:")).findFirst().orElseThrow();
        assertTrue(line.matches("- `FIXED_THREAD_POOL io-bound: 0\\.\\d\\dx time vs JDK 17 \\[0\\.\\d\\d, 0\\.\\d\\d\\] 95% CI, "
                + "p<0\\.001 \\(Holm\\), 2x5 vs 2x5 samples, JDK 17\\.0\\.15 -> 25\\.0\\.1 \\(files [0-9a-f]{6}, [0-9a-f]{6}\\)`"),
                line);
    }

    @Test
    void failOnRegressionExitsOneOnlyWhenSomethingIsSlower() {
        assertEquals(1, CliRun.of("compare", "--fail-on-regression", JDK17, JDK25).exitCode());
        assertEquals(0, CliRun.of("compare", JDK17, JDK25).exitCode());
        assertEquals(0, CliRun.of("compare", "--fail-on-regression", JDK17, JDK17).exitCode());
        // JDK 25 as BASE: its improvements (e.g. the io-bound thread pool) become regressions
        assertEquals(1, CliRun.of("compare", "--fail-on-regression", "--format", "csv", JDK25, JDK17).exitCode());
    }

    @Test
    void comparingAFileWithItselfNeverClaimsADifference() {
        CliRun run = CliRun.of("compare", "--format", "csv", JDK17, JDK17);
        run.out().lines().skip(1).forEach(l -> {
            String[] f = l.split(",");
            assertEquals(1.0, Double.parseDouble(f[10]), 0.0, l);
            // noisy rows may be inconclusive (their CI is wider than +-3%), never faster or slower
            assertTrue(f[16].equals("equivalent") || f[16].equals("inconclusive"), l);
        });
        assertTrue(run.out().contains(",equivalent"));
    }

    @Test
    void tooFewSamplesAreFlagged() {
        String file = CliRun.resource("jmh/avgt-old-gc.json").toString();
        CliRun run = CliRun.of("compare", file, file);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("ParseBenchmark.parseSmall avgt threads=1: too few samples for a test: 1 vs 1"),
                run.out());
        assertFalse(run.out().contains("parseLarge avgt threads=1: too few"), run.out());
        CliRun strict = CliRun.of("compare", "--alpha", "0.001", file, file);
        assertTrue(strict.out().contains("parseLarge avgt threads=1: too few samples for a test at alpha=0.001: 6 vs 6"),
                strict.out());
    }

    @Test
    void differentUnitsAreConvertedToTheBaseUnit(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("base.json");
        Path other = dir.resolve("other.json");
        Files.writeString(base, oneResult("ms/op", 2.0, 2.002, 1.998, 2.0, 2.001, 1.999));
        Files.writeString(other, oneResult("us/op", 2000.0, 2002.0, 1998.0, 2000.0, 2001.0, 1999.0));
        CliRun run = CliRun.of("compare", "--format", "csv", base.toString(), other.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] f = run.out().lines().skip(1).findFirst().orElseThrow().split(",");
        assertEquals("ms/op", f[3]);
        assertEquals(1.0, Double.parseDouble(f[10]), 1e-12);
        assertEquals("equivalent", f[16]);
    }

    @Test
    void settingsDifferencesAreWarned() {
        String out = CliRun.of("compare", JDK17, JDK25).out();
        assertTrue(out.contains("JMH settings differ: forks 2 vs 3"), out);
    }

    static String oneResult(String unit, double... values) {
        StringBuilder raw = new StringBuilder();
        for (double v : values) {
            raw.append(raw.length() == 0 ? "" : ", ").append(v);
        }
        return """
                [ { "jmhVersion" : "1.37", "benchmark" : "a.B.c", "mode" : "avgt", "threads" : 1, "forks" : 1,
                    "jdkVersion" : "17.0.15", "vmName" : "VM", "vmVersion" : "17",
                    "primaryMetric" : { "score" : 2.0, "scoreError" : 0.1, "scoreUnit" : "%s",
                                        "rawData" : [ [ %s ] ] },
                    "secondaryMetrics" : { } } ]
                """.formatted(unit, raw);
    }

    /**
     * Each row's margin is the farther end of that row's A/A interval, so the A/A pair compared
     * with its own floor calls every row equivalent; a pair given the wrong way (one file) is a usage error.
     */
    @Test
    void aNoiseFloorFromAnAaPairSetsEachRowsMargin() throws Exception {
        CliRun plain = CliRun.of("compare", "--format", "json", JDK17, JDK25);
        CliRun floored = CliRun.of("compare", "--format", "json", "--noise-floor", JDK17 + "," + JDK25, JDK17, JDK25);
        assertEquals(0, floored.exitCode(), floored.err());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var plainRows = mapper.readTree(plain.out()).get("comparisons").get(0).get("rows");
        var rows = mapper.readTree(floored.out()).get("comparisons").get(0).get("rows");
        assertEquals(plainRows.size(), rows.size());
        int checked = 0;
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            double low = row.get("ratio_ci_low").asDouble();
            double high = row.get("ratio_ci_high").asDouble();
            if (!Double.isFinite(low)) {
                continue;
            }
            assertEquals(Math.max(Math.abs(low - 1), Math.abs(high - 1)), row.get("equivalenceMargin").asDouble(), 1e-12);
            assertEquals("equivalent", row.get("verdict").asText(), row.toString());
            assertEquals(0.03, plainRows.get(i).get("equivalenceMargin").asDouble(), 0.0, "without a pair: the threshold");
            checked++;
        }
        assertTrue(checked > 5, "rows with intervals: " + checked);
        CliRun bad = CliRun.of("compare", "--noise-floor", JDK17, JDK17, JDK25);
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.err().lines().count(), bad.err());
    }
}
