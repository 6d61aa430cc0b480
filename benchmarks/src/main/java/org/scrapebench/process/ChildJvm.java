package org.scrapebench.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM the suite starts beside the benchmark (the fixture server, a worker, a
 * cluster member): this JVM's {@code java} and class path, the flags the child's role needs, and,
 * when the class path is one jar (the benchmarks jar), a class-data archive (AppCDS) for that jar,
 * JDK and role. {@link ChildProcess} runs it.
 *
 * <p>Why: a full run starts about 50 fixture servers and 100 workers, and on 2 cores most of a
 * JVM's start is class loading (a server is ready in 1.0 s cold, 0.55 s from the archive; a pool of
 * 16 workers' first job takes 6 s cold, 3.5 s). Start-up is never inside a measured iteration, so
 * the archive saves run time without changing a result. The first JVM of a role writes the
 * archive when it exits ({@code -XX:ArchiveClassesAtExit}); later ones map it. The archive lives
 * next to the jar, so {@code mvn clean} removes it and a rebuilt jar gets a new one.
 */
public final class ChildJvm {

    private final List<String> command;
    private final Path dumping;
    private final Path archive;

    private ChildJvm(List<String> command, Path dumping, Path archive) {
        this.command = List.copyOf(command);
        this.dumping = dumping;
        this.archive = archive;
    }

    /** {@code java [archive options] -cp <our class path> mainClass args...} on the JDK running us. */
    public static ChildJvm of(String role, String mainClass, List<String> args) {
        return of(role, List.of(), mainClass, args);
    }

    /** The same with {@code jvmFlags} (module openings and the like) before the class path. */
    public static ChildJvm of(String role, List<String> jvmFlags, String mainClass, List<String> args) {
        return of(role, jvmFlags, mainClass, args, System.getProperty("java.class.path"));
    }

    static ChildJvm of(String role, List<String> jvmFlags, String mainClass, List<String> args, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        Path archive = archivePath(role, classPath);
        Path dumping = null;
        if (archive != null) {
            if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            } else {
                dumping = claimDump(archive);
                if (dumping != null) {
                    command.add("-XX:ArchiveClassesAtExit=" + dumping);
                }
            }
            // CDS warnings (a stale or skipped class) go to stdout by default, which carries the
            // child's protocol; errors alone, on stderr. Not even CDS's errors: a child started with
            // module options (a cluster member) on JDK 25 is told at every start that the JDK's own
            // archive was made without them, which costs only the archived module graph
            command.add("-Xlog:disable");
            command.add("-Xlog:all=error,cds=off:stderr");
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return new ChildJvm(command, dumping, archive);
    }

    public List<String> command() {
        return command;
    }

    /**
     * Call once the process has ended: if it was the one writing the archive and exited cleanly,
     * the archive is published for the next ones. A killed writer leaves its partial file, so this
     * jar simply runs without an archive.
     */
    public void exited(Process process) {
        if (dumping == null || process.isAlive() || process.exitValue() != 0) {
            return;
        }
        try {
            if (Files.size(dumping) > 0) {
                Files.move(dumping, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // no archive: the next JVMs start without one, as this one did
        }
    }

    /** {@code <jar dir>/cds/<role>-<jdk>-<jar size>-<jar mtime>.jsa}, or null unless the class path is one jar. */
    static Path archivePath(String role, String classPath) {
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        try {
            String key = role + "-" + System.getProperty("java.vm.version").replaceAll("[^A-Za-z0-9.]", "_")
                    + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
            return jar.resolveSibling("cds").resolve(key + ".jsa");
        } catch (IOException e) {
            return null;
        }
    }

    /** The temporary file this launch may dump to, or null when another launch has claimed it. */
    private static Path claimDump(Path archive) {
        Path dumping = archive.resolveSibling(archive.getFileName() + ".tmp");
        try {
            Files.createDirectories(archive.getParent());
            Files.createFile(dumping);
            return dumping;
        } catch (IOException e) {
            return null; // another launch claimed it (FileAlreadyExistsException), or no archive here
        }
    }
}
