package org.scrapebench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path dir;

    @Test
    void theFirstLaunchWritesTheArchiveTheOthersWaitThenMapIt() throws Exception {
        Path jar = Files.writeString(dir.resolve("benchmarks.jar"), "not really a jar");
        Path archive = ChildJvm.archivePath("worker", List.of(jar), ChildJvm.cdsDir(jar.toString()));
        assertEquals(dir.resolve("cds"), archive.getParent());
        assertNotEquals(archive, ChildJvm.archivePath("fixture-server", List.of(jar), ChildJvm.cdsDir(jar.toString())));

        ChildJvm writer = ChildJvm.of("worker", List.of(), "Main", List.of(), jar.toString());
        Path dumping = archive.resolveSibling(archive.getFileName() + ".tmp");
        assertTrue(writer.command().contains("-XX:ArchiveClassesAtExit=" + dumping), writer.command().toString());
        // while one writes it, the others start without an archive rather than race for it
        ChildJvm meanwhile = ChildJvm.of("worker", List.of(), "Main", List.of(), jar.toString());
        assertFalse(meanwhile.command().stream().anyMatch(a -> a.startsWith("-XX:") && a.contains("Archive")),
                meanwhile.command().toString());

        Files.writeString(dumping, "archive bytes");
        writer.exited(exitWith(0));
        assertTrue(Files.isRegularFile(archive));
        ChildJvm reader = ChildJvm.of("worker", List.of("--flag=x"), "Main", List.of("x"), jar.toString());
        List<String> expected = new java.util.ArrayList<>(List.of(java()));
        expected.addAll(inherited());
        expected.addAll(List.of("--flag=x", "-XX:SharedArchiveFile=" + archive, "-Xlog:disable",
                "-Xlog:all=error,cds=off:stderr", "-cp", jar.toString(), "Main", "x"));
        assertEquals(expected, reader.command());
    }

    @Test
    void anArchiveIsKeyedOnTheJarsAManifestClassPathNamesToo() throws Exception {
        Path benchmarks = Files.writeString(dir.resolve("benchmarks.jar"), "classes, version 1");
        Path scrape = dir.resolve("scrape.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "benchmarks.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(scrape), manifest)) {
            // a manifest and nothing else, as the build writes it
        }
        Path before = ChildJvm.archivePath("member", List.of(scrape), ChildJvm.cdsDir(scrape.toString()));
        assertEquals(before, ChildJvm.archivePath("member", List.of(scrape), ChildJvm.cdsDir(scrape.toString())));
        // a rebuilt benchmarks.jar behind an unchanged scrape.jar needs an archive of its own
        Files.writeString(benchmarks, "classes, version 2, longer");
        assertNotEquals(before, ChildJvm.archivePath("member", List.of(scrape), ChildJvm.cdsDir(scrape.toString())));
    }

    @Test
    void aLaunchGivesUpItsClaimWhenItsJvmFailsOrCannotStart() throws Exception {
        Path jar = Files.writeString(dir.resolve("benchmarks.jar"), "not really a jar");
        Path archive = ChildJvm.archivePath("member", List.of(jar), ChildJvm.cdsDir(jar.toString()));
        Path dumping = archive.resolveSibling(archive.getFileName() + ".tmp");

        Process failing = ChildJvm.of("member", List.of(), "Main", List.of(), jar.toString())
                .start(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.DISCARD);
        assertTrue(Files.exists(dumping), "the first launch claims the archive");
        assertTrue(failing.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, failing.exitValue());
        failing.onExit().get(); // the claim is given up on exit, whoever waits for it
        for (int i = 0; i < 100 && Files.exists(dumping); i++) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(dumping), "a failed JVM's claim outlived it");
        assertFalse(Files.exists(archive));

        ChildJvm unstartable = ChildJvm.of("member", List.of(), "Main", List.of(), jar.toString());
        assertTrue(Files.exists(dumping));
        assertThrows(java.io.IOException.class, () -> unstartable.start(
                ProcessBuilder.Redirect.from(dir.resolve("no-such-input").toFile()), ProcessBuilder.Redirect.DISCARD));
        assertFalse(Files.exists(dumping), "a launch that never started kept its claim");
    }

    @Test
    void aWriterThatFailedPublishesNothing() throws Exception {
        Path jar = Files.writeString(dir.resolve("benchmarks.jar"), "not really a jar");
        Path archive = ChildJvm.archivePath("fixture-server", List.of(jar), ChildJvm.cdsDir(jar.toString()));
        ChildJvm writer = ChildJvm.of("fixture-server", List.of(), "Main", List.of(), jar.toString());
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".tmp"), "half an archive");
        writer.exited(exitWith(1));
        assertFalse(Files.exists(archive));
        ChildJvm next = ChildJvm.of("fixture-server", List.of(), "Main", List.of(), jar.toString());
        assertTrue(next.command().stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")),
                "the next launch writes the archive instead: " + next.command());
    }

    /** An archive covers jars only: a directory on the class path (the tests' classes) reaches the child packed. */
    @Test
    void aDirectoryOnTheClassPathIsPackedIntoAJarOncePerContent() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("target/classes/org/example"));
        Files.writeString(classes.resolve("Main.class"), "bytes");
        Path jar = Files.writeString(dir.resolve("lib.jar"), "not really a jar");
        String classPath = dir.resolve("target/classes") + File.pathSeparator + jar + File.pathSeparator + dir.resolve("gone");

        List<Path> jars = ChildJvm.jarsOf(classPath, ChildJvm.cdsDir(classPath));
        assertEquals(2, jars.size(), "the entry that does not exist is left out");
        Path packed = jars.get(0);
        assertEquals(dir.resolve("target/cds"), packed.getParent());
        assertEquals(jar.toAbsolutePath(), jars.get(1));
        try (JarFile contents = new JarFile(packed.toFile())) {
            assertEquals("bytes", new String(contents.getInputStream(contents.getEntry("org/example/Main.class")).readAllBytes()));
        }
        ChildJvm child = ChildJvm.of("worker", List.of(), "Main", List.of(), classPath);
        assertTrue(child.command().contains(packed + File.pathSeparator + jar.toAbsolutePath()), child.command().toString());
        assertTrue(child.command().stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=" + dir.resolve("target/cds"))),
                child.command().toString());
    }

    /** The compiler and collector options of this JVM, which a child follows. */
    private static List<String> inherited() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:TieredStopAtLevel=") || a.endsWith("GC") && a.startsWith("-XX:+Use"))
                .toList();
    }

    @Test
    void aChildCompilesAndCollectsAsItsParentDoes() {
        List<String> command = ChildJvm.of("worker", List.of(), "Main", List.of(), dir.toString()).command();
        assertEquals(inherited(), command.subList(1, 1 + inherited().size()));
        assertFalse(inherited().isEmpty(), "the tests run with the quick compiler and the serial collector");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A finished process with this exit code. */
    private static Process exitWith(int code) throws Exception {
        Process exited = new ProcessBuilder("sh", "-c", "exit " + code).start();
        assertTrue(exited.waitFor(30, TimeUnit.SECONDS));
        return exited;
    }
}
