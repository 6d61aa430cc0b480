package org.scrapebench.analysis.jmh;

/**
 * One measurement iteration. For sample mode the value is the iteration's
 * mean and the weight its number of samples; otherwise the weight is 1.
 */
public record Iteration(double value, double weight) {
}
