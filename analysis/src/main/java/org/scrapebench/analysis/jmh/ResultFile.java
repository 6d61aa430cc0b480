package org.scrapebench.analysis.jmh;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed JMH JSON file. {@code label} is the short name printed in tables
 * (parent directory and file name, since every run's file has the same
 * name); {@code digest} is the start of its SHA-256, the provenance that
 * quotable lines cite.
 */
public record ResultFile(Path path, String label, String digest, List<BenchmarkResult> results) {

    private BenchmarkResult first() {
        return results.get(0);
    }

    public String jdkVersion() {
        return first().jdkVersion();
    }

    public String vmName() {
        return first().vmName();
    }

    public String vmVersion() {
        return first().vmVersion();
    }

    public String jmhVersion() {
        return first().jmhVersion();
    }

    /** The feature release of {@link #jdkVersion()}: 17 for "17.0.15", 8 for "1.8.0_402"; 0 if unknown. */
    public int jdkMajor() {
        return JdkVersions.major(jdkVersion());
    }
}
