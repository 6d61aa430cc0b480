package org.scrapebench.analysis.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.analysis.CliRun;

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
    void reportMatchesTheGoldenFileAndEveryLinkedChartExists() throws IOException {
        copyRun("2026-11-20-jdk17");
        copyRun("2026-11-23-jdk25");
        Path run = results.resolve("2026-11-23-jdk25");
        CliRun cli = CliRun.of("report", run.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().startsWith("wrote "), cli.out());
        String report = Files.readString(run.resolve("report.md"), StandardCharsets.UTF_8);
        assertEquals(Files.readString(CliRun.resource("golden/report-jdk25.md"), StandardCharsets.UTF_8), report);

        Matcher links = Pattern.compile("\\]\\((charts/[^)]+\\.(png|svg))\\)").matcher(report);
        int png = 0;
        while (links.find()) {
            Path chart = run.resolve(links.group(1));
            assertTrue(Files.size(chart) > 1000, chart + " missing or empty");
            if (links.group(2).equals("png")) {
                png++;
                try (InputStream in = Files.newInputStream(chart)) {
                    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(in.readNBytes(4), 4));
                }
            } else {
                assertTrue(Files.readString(chart).contains("<svg"), chart.toString());
            }
        }
        assertEquals(11, png, "4 regime charts and 7 cross-JDK charts");
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
        assertTrue(report.contains("**above bound: calibration suspect**"), report);
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
