package org.scrapebench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.scrapebench.worker.ChildJvm;

/**
 * A member JVM this machine started: its process, and its member UUID once it printed READY. It
 * exits when its stdin closes ({@link #stop}), or is killed ({@link #destroy}).
 */
final class LocalMember {

    static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final ChildJvm launch;
    private final CompletableFuture<UUID> ready = new CompletableFuture<>();

    private LocalMember(Process process, ChildJvm launch, int index) {
        this.process = process;
        this.launch = launch;
        Thread reader = new Thread(this::readStdout, "dist-member-out-" + index + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass args...} in a JVM of its own; {@link #awaitReady} waits for it to join. */
    static LocalMember start(String mainClass, List<String> args, int index) {
        // a command line per member: only one of them may write the class-data archive
        ChildJvm launch = ChildJvm.of("member", mainClass, args);
        try {
            Process process = new ProcessBuilder(launch.command()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new LocalMember(process, launch, index);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a cluster member: " + e.getMessage(), e);
        }
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(ClusterMessages.READY + " ")) {
                    ready.complete(UUID.fromString(line.split(" ")[1]));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // gone, or not a member: awaitReady says so
        }
        ready.completeExceptionally(new IllegalStateException("cluster member process " + process.pid()
                + " ended before it joined" + exitDescription()));
    }

    /** The member's UUID once it has joined the cluster; destroys it if it does not within the start-up deadline. */
    UUID awaitReady() {
        try {
            return ready.get(STARTUP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting cluster member process " + process.pid());
        } catch (ExecutionException e) {
            destroy();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            destroy();
            throw new IllegalStateException("cluster member process " + process.pid() + " did not join within "
                    + STARTUP_DEADLINE.toSeconds() + " s");
        }
    }

    /** Its UUID, or null before it joined. */
    UUID uuid() {
        return ready.getNow(null);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    private String exitDescription() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                int code = process.exitValue();
                return code > 128 ? " (killed by signal " + (code - 128) + ")" : " (exit code " + code + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Asks the member to leave the cluster and exit, by closing its stdin. */
    void leave() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Asks the member to leave ({@link #leave}), then kills it if it has not exited after {@code grace}. */
    void stop(Duration grace) {
        leave();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                launch.exited(process);
            } else {
                destroy();
            }
        } catch (InterruptedException e) {
            destroy();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the member and whatever it started, and waits briefly for it to go. */
    void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
