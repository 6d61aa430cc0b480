package org.scrapebench.analysis.jmh;

import java.util.Arrays;
import java.util.Optional;

/** The JMH modes that appear in result files, with the direction of "better". */
public enum BenchmarkMode {
    THROUGHPUT("thrpt", true),
    AVERAGE_TIME("avgt", false),
    SAMPLE_TIME("sample", false),
    SINGLE_SHOT_TIME("ss", false);

    private final String shortName;
    private final boolean higherIsBetter;

    BenchmarkMode(String shortName, boolean higherIsBetter) {
        this.shortName = shortName;
        this.higherIsBetter = higherIsBetter;
    }

    public String shortName() {
        return shortName;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public static Optional<BenchmarkMode> fromShortName(String name) {
        return Arrays.stream(values()).filter(m -> m.shortName.equals(name)).findFirst();
    }
}
