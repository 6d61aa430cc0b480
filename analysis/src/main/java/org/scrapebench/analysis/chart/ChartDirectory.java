package org.scrapebench.analysis.chart;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.scrapebench.analysis.BadInputException;

/** Where charts go: file-safe names, unique within the directory's run, and the writing of SVG files. */
public final class ChartDirectory {
    private final Path dir;
    private final Map<String, Integer> usedNames = new HashMap<>();

    public ChartDirectory(Path dir) {
        this.dir = dir;
    }

    /** A file-safe base name (no extension), with "-2", "-3"... when it was handed out before. */
    public String uniqueName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        if (safe.isEmpty()) {
            safe = "chart";
        }
        int seen = usedNames.merge(safe, 1, Integer::sum);
        return seen == 1 ? safe : safe + "-" + seen;
    }

    /** Writes {@code chart} as a standalone SVG file; a directory that cannot be written is bad input. */
    public Path write(SvgChart chart) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot write charts there (" + reason(e) + ")");
        }
        Path file = dir.resolve(chart.fileName());
        try {
            Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + chart.svg());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write (" + reason(e) + ")");
        }
        return file;
    }

    /** The cause in words: the one line a user sees names no exception class. */
    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "exists and is not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof NoSuchFileException ? "no such directory" : "input/output error";
    }
}
