package org.scrapebench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {

    private static final String JDK17 = CliRun.resource("runs/2026-11-20-jdk17").toString();
    private static final String JDK25 = CliRun.resource("runs/2026-11-23-jdk25").toString();

    @TempDir
    Path dir;

    @Test
    void printsEveryModelsTimeAndSpeedupAndTheNoiseOfTheAaPair() {
        // the same run given as its own A/A pair: every ratio is exactly one
        CliRun cli = CliRun.of("summary", JDK25, JDK25, JDK17);
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("| model | io-bound | cpu-bound |"), cli.out());
        assertTrue(cli.out().contains("| `SERIAL` | "), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("| `FIXED_THREAD_POOL` | ") && l.contains("x [")),
                cli.out());
        assertTrue(cli.out().contains("| A/A ratio, lowest-highest | 1.00-1.00 | 1.00-1.00 |"), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("| JDK 25 vs 17, rows | ")), cli.out());
    }

    @Test
    void anAaPairOfTwoJdksOrAThirdRunOfTheSameJdkIsRefusedInOneLine() {
        CliRun notAa = CliRun.of("summary", JDK25, JDK17, JDK17);
        assertEquals(2, notAa.exitCode());
        assertEquals(1, notAa.errLines().size(), notAa.err());
        assertTrue(notAa.err().contains("is JDK 17, not JDK 25 again"), notAa.err());

        CliRun noOther = CliRun.of("summary", JDK25, JDK25, JDK25);
        assertEquals(2, noOther.exitCode());
        assertTrue(noOther.err().contains("give a run of the other JDK third"), noOther.err());

        CliRun two = CliRun.of("summary", JDK25, JDK25);
        assertEquals(2, two.exitCode());
        assertEquals(1, two.errLines().size(), two.err());
    }

    @Test
    void updateRewritesOnlyTheGeneratedBlockAndAHandEditIsUndone() throws Exception {
        Path readme = dir.resolve("README.md");
        String begin = SummaryCommand.BEGIN + " " + JDK25 + " " + JDK25 + " " + JDK17 + " -->\n";
        Files.writeString(readme, "# title\n\n" + begin + "stale\n" + SummaryCommand.END + "\n\nafter\n");
        CliRun first = CliRun.of("summary", "--update", readme.toString());
        assertEquals(0, first.exitCode(), first.err());
        String updated = Files.readString(readme);
        assertTrue(updated.startsWith("# title\n\n" + begin + "Median ms per job"), updated);
        assertTrue(updated.endsWith("|\n" + SummaryCommand.END + "\n\nafter\n"), updated);
        assertEquals(updated, SummaryCommand.regenerated(updated, dir), "a second run changes nothing");

        String edited = updated.replaceFirst("\\| `SERIAL` \\| [0-9.]+", "| `SERIAL` | 1.0");
        assertNotEquals(updated, edited);
        assertEquals(updated, SummaryCommand.regenerated(edited, dir));
    }

    @Test
    void aBaselineInPartsIsATriplePerPartAndAnyOtherCountIsRefusedInOneLine() throws Exception {
        CliRun parts = CliRun.of("summary", JDK25, JDK25, JDK17, JDK25, JDK25, JDK17);
        assertEquals(0, parts.exitCode(), parts.err());
        assertEquals(CliRun.of("summary", JDK25, JDK25, JDK17).out(), parts.out(),
                "a second part that supplies no regime changes nothing");

        CliRun four = CliRun.of("summary", JDK25, JDK25, JDK17, JDK25);
        assertEquals(2, four.exitCode());
        assertEquals(1, four.errLines().size(), four.err());
        assertTrue(four.err().contains("a triple per part"), four.err());

        Path readme = dir.resolve("README.md");
        String begin = SummaryCommand.BEGIN + " " + JDK25 + " " + JDK25 + " " + JDK17 + " " + JDK25 + " -->\n";
        Files.writeString(readme, begin + "stale\n" + SummaryCommand.END + "\n");
        CliRun update = CliRun.of("summary", "--update", readme.toString());
        assertEquals(2, update.exitCode());
        assertEquals(1, update.errLines().size(), update.err());
        assertTrue(update.err().contains("names 4 run directories"), update.err());
    }

    @Test
    void aFileWithoutTheBlockIsRefusedInOneLine() throws Exception {
        Path readme = Files.writeString(dir.resolve("README.md"), "# no tables here\n");
        CliRun cli = CliRun.of("summary", "--update", readme.toString());
        assertEquals(2, cli.exitCode());
        assertEquals(1, cli.errLines().size(), cli.err());
        assertTrue(cli.err().contains("no generated block"), cli.err());
        assertEquals("# no tables here\n", Files.readString(readme));
    }

    /** The README's tables are what this command makes of the committed runs its block names. */
    @Test
    void theReadmesTablesAreGeneratedFromTheCommittedRuns() throws Exception {
        Path readme = Path.of("..", "README.md").toAbsolutePath().normalize();
        String text = Files.readString(readme);
        assertEquals(SummaryCommand.regenerated(text, readme.getParent()), text,
                "README.md's tables differ from the committed runs: run "
                        + "java -jar analysis/target/analysis.jar summary --update README.md");
    }
}
