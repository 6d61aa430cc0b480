package org.scrapebench.analysis.report;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.analysis.CliRun;
import org.scrapebench.analysis.chart.ForestPlotTest;
import org.scrapebench.analysis.chart.SvgDoc;

class RunReportTest {

    @TempDir
    Path results;

    private void copyRun(String name) throws IOException {
        Path from = CliRun.resource("runs/" + name);
        Path to = Files.createDirectories(results.resolve(name));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void reportMatchesTheGoldenFileAndEveryLinkedChartIsAnSvg() throws IOException {
        copyRun("2026-11-20-jdk17");
        copyRun("2026-11-23-jdk25");
        Path run = results.resolve("2026-11-23-jdk25");
        CliRun cli = CliRun.of("report", run.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().startsWith("wrote "), cli.out());
        String report = Files.readString(run.resolve("report.md"), StandardCharsets.UTF_8);
        assertEquals(Files.readString(CliRun.resource("golden/report-jdk25.md"), StandardCharsets.UTF_8), report);

        Matcher links = Pattern.compile("\\]\\((charts/[^)]+\\.svg)\\)").matcher(report);
        int charts = 0;
        while (links.find()) {
            charts++;
            SvgDoc.parse(Files.readString(run.resolve(links.group(1))));
        }
        assertEquals(5, charts, "4 regime charts and 1 cross-JDK forest plot");
    }

    @Test
    void theHtmlReportHasTheSameSectionsAndEveryChartInline() throws IOException {
        copyRun("2026-11-20-jdk17");
        copyRun("2026-11-23-jdk25");
        Path run = results.resolve("2026-11-23-jdk25");
        CliRun cli = CliRun.of("report", "--resamples", "1000", run.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        String markdown = Files.readString(run.resolve("report.md"));
        String html = Files.readString(run.resolve("report.html"));
        List<String> sections = markdown.lines().filter(l -> l.startsWith("## ")).map(l -> l.substring(3)).toList();
        assertEquals(List.of("Calibration", "io-bound", "cpu-bound", "concurrency-sweep", "size-sweep", "Cross-JDK"),
                sections);
        sections.forEach(s -> assertTrue(html.contains(">" + s + "</h2>"), s));
        long images = markdown.lines().filter(l -> l.startsWith("![")).count();
        assertTrue(html.contains("data-charts-expected=\"" + images + "\""), html);
        assertEquals(images, Pattern.compile("<figure class=\"chart\" ").matcher(html).results().count());
        assertFalse(html.contains("chart-missing\""), "every chart drawn");
        assertTrue(html.contains("SHA-256 "), "the provenance line");
    }

    @Test
    void theCrossJdkForestPlotShowsCompareOwnIntervals() throws IOException {
        copyRun("2026-11-20-jdk17");
        copyRun("2026-11-23-jdk25");
        Path run = results.resolve("2026-11-23-jdk25");
        assertEquals(0, CliRun.of("report", run.toString()).exitCode());
        CliRun compare = CliRun.of("compare", "--format", "json", results.resolve("2026-11-20-jdk17/jmh-result.json")
                .toString(), run.resolve("jmh-result.json").toString());
        JsonNode comparison = new ObjectMapper().readTree(compare.out()).get("comparisons").get(0);
        SvgDoc forest = SvgDoc.parse(Files.readString(run.resolve("charts/jdk17-vs-jdk25.svg")));
        ForestPlotTest.assertForestMatchesJson(forest, comparison);
    }

    @Test
    void reportContainsTheFactsAReaderNeeds() throws IOException {
        copyRun("2026-11-20-jdk17");
        copyRun("2026-11-23-jdk25");
        CliRun cli = CliRun.of("report", "--no-charts", "--resamples", "1000", results.resolve("2026-11-20-jdk17").toString());
        assertEquals(0, cli.exitCode(), cli.err());
        String report = Files.readString(results.resolve("2026-11-20-jdk17/report.md"));
        assertTrue(report.contains("Models left out: VIRTUAL_THREADS (needs JDK 21+)."), report);
        assertTrue(report.contains("| machine | 2 cores, 24.0 GiB, Linux 6.1.0 amd64 |"), report);
        // the JDK 25 run sits beside it: the older JDK is BASE
        assertTrue(report.contains("### JDK 17 -> JDK 25 (2026-11-20-jdk17 vs 2026-11-23-jdk25)"), report);
        assertTrue(report.contains("**faster than its bound: the bound is wrong**"), report);
        assertTrue(report.contains("**server-bound**"), report);
        assertTrue(report.contains("`FIXED_THREAD_POOL io-bound: "), report);
        assertFalse(Files.exists(results.resolve("2026-11-20-jdk17/charts")), "--no-charts draws nothing");
    }

    @Test
    void withoutEnvironmentTheReportStillWorksAndSaysWhy() throws IOException {
        copyRun("2026-11-20-jdk17");
        Path run = results.resolve("2026-11-20-jdk17");
        Files.delete(run.resolve("environment.json"));
        CliRun cli = CliRun.of("report", "--no-charts", "--resamples", "1000", run.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("environment not recorded"), report);
        assertTrue(report.contains("machine.cores not recorded"), report);
        assertTrue(report.contains("No run of another JDK beside this one"), report);
        assertTrue(report.contains("| SERIAL | 4337 \u00b1 66 | 4344 | 1 (baseline) | n/a | n/a | n/a |"), report);
        // this file predates the scrapes counter, so its counters cannot be divided per operation
        assertTrue(report.contains("requests / retries / failures over all iterations |"), report);
    }
}
