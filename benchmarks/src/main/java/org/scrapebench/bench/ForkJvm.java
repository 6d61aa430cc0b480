package org.scrapebench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.scrapebench.analysis.record.RunRecord;

/**
 * The JVM the benchmark forks run on, as that JVM itself reports it (not as this one does): a
 * build on JDK 17 can measure JDK 25 by pointing the forks at it.
 */
record ForkJvm(String javaPath, RunRecord.Jdk jdk) {

    int major() {
        return jdk.major();
    }

    static ForkJvm probe(String java) {
        String path = java == null || java.isBlank()
                ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                : java.trim();
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalArgumentException("--jvm '" + path + "' is not an executable java");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            Process process = new ProcessBuilder(path, "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalArgumentException("--jvm '" + path + "' did not run: " + output.lines().findFirst().orElse(""));
            }
            for (String line : output.split("\n")) {
                int eq = line.indexOf(" = ");
                if (eq > 0) {
                    properties.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--jvm '" + path + "' cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while probing " + path);
        }
        String spec = properties.get("java.specification.version");
        if (spec == null) {
            throw new IllegalArgumentException("--jvm '" + path + "' did not report its version");
        }
        int major = Integer.parseInt(spec.startsWith("1.") ? spec.substring(2) : spec);
        return new ForkJvm(path, new RunRecord.Jdk(major, properties.getOrDefault("java.version", spec),
                properties.getOrDefault("java.vendor", "unknown"),
                properties.getOrDefault("java.vm.name", "unknown"),
                properties.getOrDefault("java.vm.version", "unknown"),
                properties.getOrDefault("java.home", "unknown")));
    }

    String describe() {
        return "JDK " + jdk.version() + " (" + jdk.vendor() + ", " + jdk.vmName() + ") at " + jdk.home();
    }
}
