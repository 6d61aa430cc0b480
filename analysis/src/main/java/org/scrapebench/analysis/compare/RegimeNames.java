package org.scrapebench.analysis.compare;

import java.util.Locale;

/** "IoBoundBenchmark" -> "io-bound": a benchmark class's regime, by the suite's naming rule. */
public final class RegimeNames {
    private RegimeNames() {
    }

    public static String of(String className) {
        String base = className.endsWith("Benchmark") && className.length() > "Benchmark".length()
                ? className.substring(0, className.length() - "Benchmark".length()) : className;
        StringBuilder kebab = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(base.charAt(i - 1))) {
                kebab.append('-');
            }
            kebab.append(Character.toLowerCase(c));
        }
        return kebab.toString().toLowerCase(Locale.ROOT);
    }
}
