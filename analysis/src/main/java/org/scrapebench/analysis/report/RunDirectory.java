package org.scrapebench.analysis.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.scrapebench.analysis.BadInputException;
import org.scrapebench.analysis.jmh.JmhJsonReader;
import org.scrapebench.analysis.jmh.ResultFile;
import org.scrapebench.analysis.record.RunRecord;

/**
 * {@code results/<date>-jdk<major>[-<label>]/}: {@code jmh-result.json} and, if the bench runner
 * wrote it, {@code environment.json} ({@link RunRecord}). A directory of plain JMH output, without
 * the record, still gets a report, without the facts only the record holds.
 *
 * @throws BadInputException (from {@link #load}) if either file is there but unreadable
 */
public record RunDirectory(Path dir, ResultFile results, Optional<RunRecord> record) {

    public static final String RESULT_FILE = "jmh-result.json";

    public static RunDirectory load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such directory");
        }
        Path result = dir.resolve(RESULT_FILE);
        if (!Files.isRegularFile(result)) {
            throw new BadInputException(dir + ": no " + RESULT_FILE + " in this directory, is it a run directory?");
        }
        ResultFile results = new JmhJsonReader().read(result);
        Path recordFile = dir.resolve(RunRecord.FILE);
        return new RunDirectory(dir, results,
                Files.isRegularFile(recordFile) ? Optional.of(RunRecord.read(recordFile)) : Optional.empty());
    }

    public String name() {
        return dir.toAbsolutePath().normalize().getFileName().toString();
    }

    public int jdkMajor() {
        return record.map(r -> r.jdk().major()).orElse(results.jdkMajor());
    }

    /** Sorts runs by start time where recorded, else by directory name (which starts with the date). */
    public String orderKey() {
        return record.map(r -> r.run().startedAt()).orElse(name()) + "\u0000" + name();
    }

    public Optional<Integer> cores() {
        return record.map(r -> r.machine().cores());
    }
}
