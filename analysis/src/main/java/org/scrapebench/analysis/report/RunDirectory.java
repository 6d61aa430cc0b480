package org.scrapebench.analysis.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.scrapebench.analysis.BadInputException;
import org.scrapebench.analysis.jmh.JmhJsonReader;
import org.scrapebench.analysis.jmh.ResultFile;

/**
 * {@code results/<date>-jdk<major>[-<label>]/}: {@code jmh-result.json} and,
 * if the run recorded it, {@code environment.json}.
 */
public record RunDirectory(Path dir, ResultFile results, Optional<RunEnvironment> environment,
                           Optional<String> environmentProblem) {

    public static final String RESULT_FILE = "jmh-result.json";
    public static final String ENVIRONMENT_FILE = "environment.json";

    public static RunDirectory load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such directory");
        }
        Path result = dir.resolve(RESULT_FILE);
        if (!Files.isRegularFile(result)) {
            throw new BadInputException(dir + ": no " + RESULT_FILE + " in this directory, is it a run directory?");
        }
        ResultFile results = new JmhJsonReader().read(result);
        Path envFile = dir.resolve(ENVIRONMENT_FILE);
        if (!Files.isRegularFile(envFile)) {
            return new RunDirectory(dir, results, Optional.empty(), Optional.empty());
        }
        try {
            return new RunDirectory(dir, results,
                    Optional.of(RunEnvironment.from(new ObjectMapper().readTree(envFile.toFile()))), Optional.empty());
        } catch (IOException e) {
            // the report is still useful without the sidecar; say why it is missing
            return new RunDirectory(dir, results, Optional.empty(),
                    Optional.of(ENVIRONMENT_FILE + " unreadable (" + e.getClass().getSimpleName() + ")"));
        }
    }

    public String name() {
        return dir.toAbsolutePath().normalize().getFileName().toString();
    }

    public int jdkMajor() {
        return environment.flatMap(RunEnvironment::jdkMajor).orElse(results.jdkMajor());
    }

    /** Sorts runs by start time where recorded, else by directory name (which starts with the date). */
    public String orderKey() {
        return environment.flatMap(RunEnvironment::startedAt).orElse(name()) + "\u0000" + name();
    }

    /** The bench runner's per-row and per-trial facts, or {@link RunFacts#NONE} for older files. */
    public RunFacts facts() {
        return environment.map(RunEnvironment::facts).orElse(RunFacts.NONE);
    }

    public Optional<Integer> cores() {
        return environment.flatMap(RunEnvironment::cores);
    }
}
