package org.scrapebench.analysis;

/** {@code --format} of compare. */
public enum OutputFormat { md, csv, json }
