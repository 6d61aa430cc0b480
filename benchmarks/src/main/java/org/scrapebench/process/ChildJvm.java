package org.scrapebench.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * The command line of a JVM the suite starts beside the benchmark (the fixture server, a worker, a
 * cluster member): this JVM's {@code java} and class path, the flags the child's role needs, and a
 * class-data archive (AppCDS) for that class path, JDK and role. {@link ChildProcess} runs it.
 *
 * <p>Why: a full run starts about 50 fixture servers and 100 workers, and on 2 cores most of a
 * JVM's start is class loading (a server is ready in 1.0 s cold, 0.55 s from the archive; a pool of
 * 16 workers' first job takes 6 s cold, 3.5 s). Start-up is never inside a measured iteration, so
 * the archive saves run time without changing a result. The first JVM of a role writes the
 * archive when it exits ({@code -XX:ArchiveClassesAtExit}); later ones map it. The archive lives
 * in {@code cds/} beside the first class-path entry (the benchmarks jar's {@code target/}), so
 * {@code mvn clean} removes it and a rebuilt jar gets a new one.
 *
 * <p>An archive covers classes from jars only. A class path with directories (the tests' own
 * {@code target/classes}) is given to the child as jars packed from them, once per content, so
 * that the tests' child JVMs start from an archive too.
 */
public final class ChildJvm {

    /**
     * This JVM's choice of compiler and collector, which its children follow: a benchmark fork
     * names G1 (the default here too), the tests ask for the quick compiler and the serial
     * collector, since they never measure speed and share two cores with their children.
     */
    private static final List<String> INHERITED = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(flag -> flag.startsWith("-XX:TieredStopAtLevel=") || flag.matches("-XX:[+-]Use\\w+GC"))
            .toList();

    /** Directories already packed in this JVM, by path; their content does not change during a run. */
    private static final Map<Path, Path> PACKED = new ConcurrentHashMap<>();

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
        command.addAll(INHERITED);
        command.addAll(jvmFlags);
        Path cds = cdsDir(classPath);
        List<Path> jars = cds == null ? List.of() : jarsOf(classPath, cds);
        Path archive = jars.isEmpty() ? null : archivePath(role, jars, cds);
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
        command.add(jars.isEmpty() ? classPath
                : String.join(File.pathSeparator, jars.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(args);
        return new ChildJvm(command, dumping, archive);
    }

    public List<String> command() {
        return command;
    }

    /**
     * Starts the JVM with stdin and stderr as given (stdout is a pipe, for the protocol). Its
     * archive is published or discarded when it ends, however it ends; a launch that fails gives up
     * its claim, so that the next launch writes the archive instead.
     */
    public Process start(ProcessBuilder.Redirect stdin, ProcessBuilder.Redirect stderr) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(stdin).redirectError(stderr).start();
        } catch (IOException | RuntimeException e) {
            if (dumping != null) {
                Files.deleteIfExists(dumping);
            }
            throw e;
        }
        process.onExit().thenRun(() -> exited(process));
        return process;
    }

    /**
     * Once the process has ended: if it was the one writing the archive and exited cleanly,
     * the archive is published for the next ones; if it failed or was killed, its partial file is
     * removed, so that a later launch writes the archive instead.
     */
    void exited(Process process) {
        if (dumping == null || process.isAlive()) {
            return;
        }
        try {
            if (process.exitValue() == 0 && Files.size(dumping) > 0) {
                Files.move(dumping, archive, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(dumping);
            }
        } catch (IOException e) {
            // no archive: the next JVMs start without one, as this one did
        }
    }

    /** The class path's existing entries, absolute. */
    private static List<Path> entries(String classPath) {
        return classPath == null ? List.of() : Stream.of(classPath.split(File.pathSeparator)).filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().normalize()).filter(Files::exists).toList();
    }

    /**
     * {@code cds/} beside the class path's first entry (the benchmarks jar's, or the test classes'
     * {@code target/}), where packed directories and archives go; null without a class path.
     */
    static Path cdsDir(String classPath) {
        List<Path> entries = entries(classPath);
        return entries.isEmpty() ? null : entries.get(0).resolveSibling("cds");
    }

    /**
     * The class path as jars: each jar as it is, each directory packed into a jar in {@code cds};
     * entries that do not exist are left out. Empty if that cannot be done (no room to write): the
     * child then gets the class path as it is, without an archive.
     */
    static List<Path> jarsOf(String classPath, Path cds) {
        List<Path> jars = new ArrayList<>();
        try {
            for (Path entry : entries(classPath)) {
                jars.add(Files.isDirectory(entry) ? PACKED.computeIfAbsent(entry, dir -> pack(dir, cds)) : entry);
            }
        } catch (UncheckedIOException e) {
            return List.of();
        }
        return jars;
    }

    /** {@code cds/<dir name>-<content hash>.jar} holding {@code dir}'s files, written once per content. */
    private static Path pack(Path dir, Path cds) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            MessageDigest content = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                stamp(content, dir.relativize(file).toString(), file);
            }
            Path jar = cds.resolve(dir.getFileName() + "-" + HexFormat.of().formatHex(content.digest()).substring(0, 16)
                    + ".jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            Files.createDirectories(cds);
            Path partial = Files.createTempFile(cds, "packing-", ".jar");
            try (OutputStream out = Files.newOutputStream(partial); JarOutputStream packed = new JarOutputStream(out)) {
                for (Path file : files) {
                    packed.putNextEntry(new JarEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, packed);
                    packed.closeEntry();
                }
            }
            // another JVM may have packed the same content meanwhile: either copy will do
            Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code <cds>/<role>-<jdk>-<class path key>.jsa}, the key from the path,
     * size and modification time of every jar, and of every jar their manifests add to the class
     * path (scrape.jar names benchmarks.jar there); null if a jar cannot be read.
     */
    static Path archivePath(String role, List<Path> jars, Path cds) {
        try {
            MessageDigest key = MessageDigest.getInstance("SHA-256");
            for (Path jar : withManifestClassPaths(jars)) {
                stamp(key, jar.toString(), jar);
            }
            String name = role + "-" + System.getProperty("java.vm.version").replaceAll("[^A-Za-z0-9.]", "_")
                    + "-" + HexFormat.of().formatHex(key.digest()).substring(0, 16);
            return cds.resolve(name + ".jsa");
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a file's name, size and modification time to a key: what tells one build of it from another. */
    private static void stamp(MessageDigest key, String name, Path file) throws IOException {
        key.update((name + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis() + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** {@code jars}, each followed by the jars its manifest's {@code Class-Path} names, that exist. */
    private static List<Path> withManifestClassPaths(List<Path> jars) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path jar : jars) {
            all.add(jar);
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (classPath != null) {
                    Stream.of(classPath.trim().split("\\s+")).map(jar::resolveSibling).filter(Files::isRegularFile)
                            .forEach(all::add);
                }
            } catch (ZipException notAJar) {
                // the JVM will refuse it as it is; its own size and time are key enough
            }
        }
        return all;
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
