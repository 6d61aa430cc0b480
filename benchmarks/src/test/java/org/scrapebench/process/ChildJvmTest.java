package org.scrapebench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path dir;

    @Test
    void noArchiveUnlessTheClassPathIsOneJar() throws Exception {
        Path jar = Files.writeString(dir.resolve("benchmarks.jar"), "not really a jar");
        assertNull(ChildJvm.archivePath("worker", dir.toString()));
        assertNull(ChildJvm.archivePath("worker", jar + File.pathSeparator + dir));
        ChildJvm plain = ChildJvm.of("worker", List.of(), "Main", List.of("a"), dir.toString());
        assertEquals(List.of(java(), "-cp", dir.toString(), "Main", "a"), plain.command());
    }

    @Test
    void theFirstLaunchWritesTheArchiveTheOthersWaitThenMapIt() throws Exception {
        Path jar = Files.writeString(dir.resolve("benchmarks.jar"), "not really a jar");
        Path archive = ChildJvm.archivePath("worker", jar.toString());
        assertEquals(dir.resolve("cds"), archive.getParent());
        assertNotEquals(archive, ChildJvm.archivePath("fixture-server", jar.toString()));

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
        ChildJvm reader = ChildJvm.of("worker", List.of(), "Main", List.of("x"), jar.toString());
        assertEquals(List.of(java(), "-XX:SharedArchiveFile=" + archive, "-Xlog:disable", "-Xlog:all=error,cds=off:stderr",
                "-cp", jar.toString(), "Main", "x"), reader.command());
    }

    @Test
    void aWriterThatFailedPublishesNothing() throws Exception {
        Path jar = Files.writeString(dir.resolve("benchmarks.jar"), "not really a jar");
        Path archive = ChildJvm.archivePath("fixture-server", jar.toString());
        ChildJvm writer = ChildJvm.of("fixture-server", List.of(), "Main", List.of(), jar.toString());
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".tmp"), "half an archive");
        writer.exited(exitWith(1));
        assertFalse(Files.exists(archive));
        ChildJvm next = ChildJvm.of("fixture-server", List.of(), "Main", List.of(), jar.toString());
        assertFalse(next.command().stream().anyMatch(a -> a.contains("Archive")), next.command().toString());
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
