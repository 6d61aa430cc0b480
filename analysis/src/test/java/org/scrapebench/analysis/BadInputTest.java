package org.scrapebench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input: exit 2, exactly one line on stderr, no stack trace, nothing on stdout. */
class BadInputTest {

    @TempDir
    Path dir;

    private static final String GOOD = CliRun.resource("jmh/thrpt.json").toString();

    private CliRun assertBadInput(String expectedFragment, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        String line = run.errLines().get(0);
        assertTrue(line.contains(expectedFragment), line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        assertEquals("", run.out());
        return run;
    }

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    @Test
    void missingFile() {
        assertBadInput("no such file", "compare", GOOD, dir.resolve("absent.json").toString());
    }

    @Test
    void emptyFile() throws IOException {
        assertBadInput("file is empty", "compare", file("empty.json", ""), GOOD);
        assertBadInput("file is empty", "compare", GOOD, file("blank.json", " \n"));
    }

    @Test
    void malformedJson() throws IOException {
        assertBadInput("malformed JSON at line 1", "compare", GOOD, file("bad.json", "[{\"benchmark\": "));
    }

    @Test
    void jsonThatIsNotJmhOutput() throws IOException {
        assertBadInput("not JMH JSON output", "compare", GOOD, file("object.json", "{\"a\":1}"));
        assertBadInput("not JMH JSON output", "compare", GOOD, file("array.json", "[{\"x\":1}]"));
        assertBadInput("holds no results", "compare", GOOD, file("none.json", "[]"));
        assertBadInput("unknown JMH mode", "compare", GOOD, file("mode.json",
                "[{\"benchmark\":\"a.B.c\",\"mode\":\"fast\",\"primaryMetric\":{\"score\":1}}]"));
    }

    @Test
    void filesWithNothingInCommon() {
        assertBadInput("have no result in common", "compare", GOOD, CliRun.resource("jmh/ss.json").toString());
    }

    @Test
    void usageErrors() {
        assertBadInput("compare", "compare", GOOD);
        assertBadInput("--alpha must be between 0 and 1", "compare", "--alpha", "1.5", GOOD, GOOD);
        assertBadInput("--threshold", "compare", "--threshold", "-1", GOOD, GOOD);
        assertBadInput("md, csv, json", "compare", "--format", "xml", GOOD, GOOD);
        assertBadInput("missing subcommand");
        assertBadInput("Unmatched argument", "frobnicate");
    }

    @Test
    void chartsIntoADirectoryThatCannotBeOne() throws IOException {
        String notADirectory = file("plain.txt", "x");
        assertBadInput("cannot write charts there (exists and is not a directory)", "compare", "--charts", notADirectory, GOOD, GOOD);
    }

    @Test
    void reportOnAMissingDirectory() {
        assertBadInput("no such directory", "report", dir.resolve("nope").toString());
    }

    @Test
    void reportOnADirectoryWithoutResults() {
        assertBadInput("no jmh-result.json", "report", dir.toString());
    }

    @Test
    void helpExitsZero() {
        CliRun run = CliRun.of("compare", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--fail-on-regression"));
        assertEquals(0, CliRun.of("report", "--help").exitCode());
    }
}
