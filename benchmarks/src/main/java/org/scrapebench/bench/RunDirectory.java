package org.scrapebench.bench;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Names and creates {@code <date>-jdk<major>[-<label>]}, adding -2, -3... rather than overwriting a run. */
final class RunDirectory {

    private RunDirectory() {}

    static Path create(Path resultsDir, LocalDate date, int jdkMajor, String label) throws IOException {
        String cleanLabel = label == null ? "" : label.trim().replaceAll("[^A-Za-z0-9._-]+", "-");
        String base = date + "-jdk" + jdkMajor + (cleanLabel.isEmpty() ? "" : "-" + cleanLabel);
        Files.createDirectories(resultsDir);
        for (int attempt = 1; attempt < 1000; attempt++) {
            Path candidate = resultsDir.resolve(attempt == 1 ? base : base + "-" + attempt);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
        throw new IOException("too many runs named " + base + " in " + resultsDir);
    }
}
