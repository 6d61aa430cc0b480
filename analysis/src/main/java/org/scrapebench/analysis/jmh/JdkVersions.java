package org.scrapebench.analysis.jmh;

/** Reads the feature release out of a java.version string. */
public final class JdkVersions {
    private JdkVersions() {
    }

    public static int major(String version) {
        if (version == null || version.isBlank()) {
            return 0;
        }
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, Math.min(end, 9)));
    }
}
