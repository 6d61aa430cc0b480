package org.scrapebench.worker;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.ProductOutcome;

/**
 * A pool of worker JVMs (same JDK, same class path), started once and reused like a process pool.
 * Each worker has one dispatcher thread here that takes the next product from the shared queue,
 * sends it down the worker's stdin and waits, with a deadline, for the reply on its stdout. A
 * worker that dies (even by kill -9), hangs past the deadline or answers garbage is replaced, and
 * its product is handed to the replacement: nothing is lost, nothing is counted twice, and a product
 * that breaks {@value #MAX_DISPATCHES} workers in a row is reported as failed; nothing waits forever. {@link #close()} (and, for Ctrl-C, a shutdown hook) stops
 * every worker process.
 */
public final class WorkerPool implements AutoCloseable {

    private static final String END_OF_STREAM = "\u0000eof";
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
    /** How many workers may fail on one product before it is given up: the first and two replacements. */
    static final int MAX_DISPATCHES = 3;

    private final String mainClass;
    private final List<String> workerArgs;
    private final Duration replyDeadline;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Thread shutdownHook;
    private volatile boolean closed;

    /** What one request to a worker gave: its outcome, or the problem with the worker. */
    private record Exchange(ProductOutcome outcome, String problem) {
        static Exchange broken(String problem) {
            return new Exchange(null, problem);
        }
    }

    /** A product waiting for a worker, and where its outcome goes. */
    private record Job(URI url, CompletableFuture<ProductOutcome> outcome) {}

    private static final Job STOP = new Job(null, null);

    /**
     * Starts {@code size} workers running {@code WorkerMain workerArgs...} and waits until all are
     * ready. {@code replyDeadline} is the longest a worker may take over one product.
     */
    public WorkerPool(int size, List<String> workerArgs, Duration replyDeadline) {
        this(WorkerMain.class.getName(), workerArgs, size, replyDeadline);
    }

    /**
     * Starts {@code size} workers running {@code mainClass args...}, which must speak the
     * {@link WorkerMessages} protocol: tests use it to start workers that misbehave on purpose.
     */
    WorkerPool(String mainClass, List<String> workerArgs, int size, Duration replyDeadline) {
        if (size < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one worker, got " + size);
        }
        this.replyDeadline = replyDeadline;
        this.mainClass = mainClass;
        this.workerArgs = List.copyOf(workerArgs);
        for (int i = 0; i < size; i++) {
            slots.add(new Slot(i));
        }
        this.shutdownHook = new Thread(this::destroyAll, "worker-pool-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            for (Slot slot : slots) {
                slot.worker = startWorker(slot.index);
            }
            for (Slot slot : slots) {
                slot.worker.awaitReady();
                slot.dispatcher.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Queues a product; the future completes with its outcome, never exceptionally but for cancellation. */
    public CompletableFuture<ProductOutcome> submit(URI url) {
        if (closed) {
            throw new IllegalStateException("the worker pool is closed");
        }
        CompletableFuture<ProductOutcome> outcome = new CompletableFuture<>();
        jobs.add(new Job(url, outcome));
        return outcome;
    }

    /** The process ids of the live workers (for tests that check nothing is left behind). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Slot slot : slots) {
            Worker worker = slot.worker;
            if (worker != null) {
                pids.add(worker.process.pid());
            }
        }
        return pids;
    }

    /** One place in the pool: a dispatcher thread and the worker it currently feeds. */
    private final class Slot {
        final int index;
        final Thread dispatcher;
        volatile Worker worker;

        Slot(int index) {
            this.index = index;
            this.dispatcher = new Thread(this::dispatch, "worker-dispatch-" + index);
            this.dispatcher.setDaemon(true);
        }

        private void dispatch() {
            try {
                while (true) {
                    Job job = jobs.take();
                    if (job == STOP) {
                        return;
                    }
                    if (job.outcome.isDone()) {
                        continue; // cancelled while queued
                    }
                    try {
                        job.outcome.complete(run(job.url));
                    } catch (InterruptedException e) {
                        job.outcome.complete(ProductOutcome.failed(new Failure(job.url, 0, "worker pool closed")));
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // closing
            }
        }

        /**
         * Scrapes one product on this slot's worker. A worker that dies, hangs past the deadline or
         * answers garbage is replaced and the product handed to the replacement, up to
         * {@link #MAX_DISPATCHES} workers in all, so that a product that kills every worker ends as
         * a failure instead of looping. Only the answering worker's requests are counted: what a
         * dead worker did is unknown.
         */
        private ProductOutcome run(URI url) throws InterruptedException {
            String problem = null;
            for (int dispatch = 1; dispatch <= MAX_DISPATCHES; dispatch++) {
                Worker current = worker;
                if (current == null || !current.process.isAlive()) {
                    current = replace(current, null);
                    if (current == null) {
                        return ProductOutcome.failed(new Failure(url, dispatch - 1,
                                "worker process could not be started" + (problem == null ? "" : " (after: " + problem + ")")));
                    }
                }
                Exchange exchange = exchange(current, url);
                if (exchange.outcome != null) {
                    return exchange.outcome;
                }
                problem = exchange.problem;
                replace(current, problem);
            }
            return ProductOutcome.failed(new Failure(url, MAX_DISPATCHES,
                    "worker processes failed " + MAX_DISPATCHES + " times on this product; the last: " + problem));
        }

        /** One request to one worker: the outcome, or what went wrong with the worker. */
        private Exchange exchange(Worker current, URI url) throws InterruptedException {
            long id = nextId.incrementAndGet();
            try {
                current.send(WorkerMessages.write(new WorkerMessages.Request(id, url.toString())));
            } catch (IOException e) {
                return Exchange.broken("worker process " + current.process.pid() + " died" + current.exitDescription());
            }
            String line = current.replies.poll(replyDeadline.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                return Exchange.broken("worker process " + current.process.pid() + " gave no answer within "
                        + replyDeadline.toMillis() + " ms");
            }
            if (line == END_OF_STREAM) {
                return Exchange.broken("worker process " + current.process.pid() + " died" + current.exitDescription());
            }
            try {
                WorkerMessages.Reply reply = WorkerMessages.read(line, WorkerMessages.Reply.class);
                if (reply.id() != id) {
                    return Exchange.broken("worker process " + current.process.pid() + " answered request "
                            + reply.id() + " instead of " + id);
                }
                if (!url.toString().equals(reply.url())) {
                    return Exchange.broken("worker process " + current.process.pid() + " answered for "
                            + reply.url() + " instead of " + url);
                }
                return new Exchange(reply.toOutcome(), null);
            } catch (IOException | IllegalArgumentException e) {
                return Exchange.broken("worker process " + current.process.pid() + " wrote garbage: " + abbreviate(line));
            }
        }

        /** Stops a broken worker and starts another in its place; null if no new one would start. */
        private Worker replace(Worker broken, String reason) {
            if (broken != null) {
                broken.destroy();
            }
            if (closed) {
                worker = null;
                return null;
            }
            try {
                Worker fresh = startWorker(index);
                fresh.awaitReady();
                worker = fresh;
                return fresh;
            } catch (RuntimeException e) {
                System.err.println("worker pool: cannot replace worker " + index
                        + (reason == null ? "" : " (" + reason + ")") + ": " + e.getMessage());
                worker = null;
                return null;
            }
        }
    }

    /** One worker process and the thread that reads its replies. */
    private static final class Worker {
        final Process process;
        final ChildJvm launch;
        final BufferedWriter stdin;
        final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        Worker(Process process, ChildJvm launch, int index) {
            this.process = process;
            this.launch = launch;
            this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        replies.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone; say so below
                }
                replies.add(END_OF_STREAM);
            }, "worker-reader-" + index + "-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        void awaitReady() {
            String first;
            try {
                first = replies.poll(STARTUP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                destroy();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting worker process " + process.pid());
            }
            if (!WorkerMessages.READY.equals(first)) {
                destroy();
                throw new IllegalStateException("worker process " + process.pid() + " did not start"
                        + (first == null ? " within " + STARTUP_DEADLINE.toSeconds() + " s" : exitDescription()));
            }
        }

        void send(String line) throws IOException {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        }

        String exitDescription() {
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

        /** Asks the worker to stop by closing its stdin, then forces it after a grace period. */
        void stop(Duration grace) {
            try {
                stdin.close();
            } catch (IOException e) {
                // already gone
            }
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

    private Worker startWorker(int index) {
        // a command line per worker: only one of them may write the class-data archive
        ChildJvm launch = ChildJvm.of("worker", mainClass, workerArgs);
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            return new Worker(builder.start(), launch, index);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a worker process: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String line) {
        String flat = line.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 60 ? "'" + flat + "'" : "'" + flat.substring(0, 60) + "...'";
    }

    private void destroyAll() {
        for (Slot slot : slots) {
            Worker worker = slot.worker;
            if (worker != null) {
                worker.destroy();
            }
        }
    }

    /** Stops every worker: closes their stdin, waits briefly, then kills what is left. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Job job : jobs) {
            if (job.outcome != null) {
                job.outcome.cancel(false);
            }
        }
        jobs.clear();
        for (int i = 0; i < slots.size(); i++) {
            jobs.add(STOP);
        }
        for (Slot slot : slots) {
            slot.dispatcher.interrupt();
        }
        for (Slot slot : slots) {
            try {
                slot.dispatcher.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Slot slot : slots) {
            Worker worker = slot.worker;
            if (worker != null) {
                worker.stop(Duration.ofSeconds(3));
            }
            slot.worker = null;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }
}
