package org.scrapebench.analysis.jmh;

import java.util.List;

/**
 * A primary or secondary JMH metric: the score JMH printed and the raw
 * iterations nested by fork, which is what the statistics use.
 */
public record Metric(double score, double scoreError, String unit, List<List<Iteration>> forks) {

    public Metric {
        forks = forks.stream().map(List::copyOf).filter(f -> !f.isEmpty()).toList();
    }

    public int sampleCount() {
        return forks.stream().mapToInt(List::size).sum();
    }

    public boolean hasRawData() {
        return sampleCount() > 0;
    }

    /** Iteration values with forks pooled, the sample the significance tests use. */
    public double[] pooledValues() {
        return forks.stream().flatMap(List::stream).mapToDouble(Iteration::value).toArray();
    }

    /** "3x10" when every fork has the same number of iterations, else the total. */
    public String shape() {
        if (forks.isEmpty()) {
            return "0";
        }
        int first = forks.get(0).size();
        boolean even = forks.stream().allMatch(f -> f.size() == first);
        return even ? forks.size() + "x" + first : Integer.toString(sampleCount());
    }
}
