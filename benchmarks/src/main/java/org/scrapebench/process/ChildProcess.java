package org.scrapebench.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One JVM the suite starts beside the benchmark (the fixture server, a worker process, a cluster
 * member), supervised the same way whoever started it: it speaks first with one line starting
 * {@value #READY} on stdout, which {@link #awaitReady} waits for within a deadline; every later
 * line goes to the starter's {@link Listener}; stdin is the child's lifeline (it exits when stdin
 * ends, so it never outlives this JVM), {@link #stop} closes it and kills the child, with
 * everything it started, if it has not gone after a grace period. One shutdown hook for the whole
 * JVM kills every child still running, so that Ctrl-C leaves none behind.
 *
 * <p>stderr is inherited: what a child says there reaches the user as it is.
 */
public final class ChildProcess {

    /** The first word of a child's first line on stdout once it is ready to work. */
    public static final String READY = "READY";
    /** How long a child may take to say {@value #READY}: a safety net, JVM start-up takes seconds. */
    public static final Duration START_DEADLINE = Duration.ofSeconds(90);
    /** How long a child asked to stop may take to exit before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** Every child started and not yet ended, for the shutdown hook. */
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final Thread SHUTDOWN_HOOK = new Thread(() -> LIVE.forEach(ChildProcess::kill),
            "child-process-shutdown");

    /** False if this class was first used while the JVM was already shutting down: no child may start then. */
    private static final boolean HOOKED = ShutdownHooks.add(SHUTDOWN_HOOK);

    /** What the child says after {@value #READY}. Called on the child's reader thread. */
    public interface Listener {
        /** One line of the child's stdout after its {@value #READY} line. */
        default void line(String line) {
        }

        /** The child's stdout has ended: it exited, was killed, or never became ready. */
        default void ended() {
        }
    }

    private final String name;
    private final Process process;
    private final BufferedWriter stdin;
    /** Set by {@link #start} before anything reads it. */
    private volatile Thread reader;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private ChildProcess(String what, Process process) {
        this.name = what + " " + process.pid();
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code launch}; {@code what} names the child in every message ("worker process", then
     * its pid). Its stdout is read on a daemon thread named {@code readerName-<pid>} and handed to
     * the listener that {@code listenerFor} makes for it (made before the first line is read, so
     * that it can hold the child); returns that listener.
     */
    public static <L extends Listener> L start(String what, ChildJvm launch, String readerName,
                                               Function<ChildProcess, L> listenerFor) {
        if (!HOOKED) {
            throw new IllegalStateException("not starting a " + what + ": this JVM is shutting down");
        }
        Process process;
        try {
            process = launch.start(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.INHERIT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a " + what + ": " + e.getMessage(), e);
        }
        ChildProcess child = new ChildProcess(what, process);
        LIVE.add(child);
        process.onExit().thenRun(() -> LIVE.remove(child));
        L listener;
        try {
            listener = listenerFor.apply(child);
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
        child.reader = new Thread(() -> child.read(listener), readerName + "-" + process.pid());
        child.reader.setDaemon(true);
        child.reader.start();
        return listener;
    }

    /** {@link #start} for a child whose later lines mean nothing to the starter; returns the child. */
    public static ChildProcess start(String what, ChildJvm launch, String readerName) {
        return start(what, launch, readerName, child -> new Ignoring(child)).child;
    }

    private record Ignoring(ChildProcess child) implements Listener {}

    private void read(Listener listener) {
        String first = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            first = out.readLine();
            if (first != null && isReady(first)) {
                ready.complete(first.substring(READY.length()).trim());
                String line;
                while ((line = out.readLine()) != null) {
                    listener.line(line);
                }
            }
        } catch (IOException e) {
            // the process is gone; said below
        } finally {
            if (first != null && !isReady(first)) {
                kill(); // not our protocol: nothing it says can be trusted
                ready.completeExceptionally(new IllegalStateException(name + " did not start: it wrote "
                        + abbreviate(first)));
            } else if (!ready.isDone()) {
                ready.completeExceptionally(new IllegalStateException(name + " did not start" + exitDescription()));
            }
            listener.ended();
        }
    }

    private static boolean isReady(String line) {
        return line.equals(READY) || line.startsWith(READY + " ");
    }

    /**
     * Waits for the child's {@value #READY} line and returns what follows it on that line (empty if
     * nothing); kills the child and throws if it ends, says something else, or takes longer than
     * {@code deadline}.
     */
    public String awaitReady(Duration deadline) {
        try {
            return ready.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            throw new IllegalStateException(name + " did not start within " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            kill();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name);
        }
    }

    /** Writes one line to the child's stdin. Not thread-safe: one thread writes to a child. */
    public void send(String line) throws IOException {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
    }

    /** The child's name in messages: what it is and its pid, e.g. "worker process 1234". */
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** How the child ended, e.g. " (exit code 1)" or " (killed by signal 9)"; empty while it runs. */
    public String exitDescription() {
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

    /** Asks the child to stop, by closing its stdin; {@link #awaitStop} makes sure it does. */
    public void askToStop() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /**
     * Waits until {@code deadlineNanos} ({@link System#nanoTime}) for the child to exit after
     * {@link #askToStop}, then kills it. Waits briefly for its reader, so that the starter's {@link Listener#ended} has run.
     */
    public void awaitStop(long deadlineNanos) {
        try {
            if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                kill();
            }
            if (Thread.currentThread() != reader) {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the child to stop and kills it if it has not exited after {@code grace}. */
    public void stop(Duration grace) {
        stopAll(List.of(this), grace);
    }

    /** Stops several children at once: all are asked first, so that they wind down in parallel. */
    public static void stopAll(Collection<ChildProcess> children, Duration grace) {
        children.forEach(ChildProcess::askToStop);
        long deadline = System.nanoTime() + grace.toNanos();
        children.forEach(child -> child.awaitStop(deadline));
    }

    /** Kills the child and everything it started at once, and waits briefly for it to go. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A line a child should not have written, made printable and short. */
    public static String abbreviate(String line) {
        String flat = line.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 60 ? "'" + flat + "'" : "'" + flat.substring(0, 60) + "...'";
    }
}
