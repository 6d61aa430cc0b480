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
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.ProductOutcome;

/**
 * A pool of worker JVMs (same JDK, same class path), started once and reused like a process pool.
 * The requests in flight are spread over the workers as evenly as possible (each worker's share);
 * each worker has one dispatcher thread here that sends it products from the shared queue while
 * it has fewer than its share outstanding, and one reader thread that matches its replies to their
 * requests by id, in whatever order they come.
 *
 * <p>A worker that dies (even by kill -9), leaves a request unanswered past the reply deadline or
 * writes garbage is killed, and every product it had outstanding goes back to the head of the
 * queue, for its replacement (started at once by the dead worker's reader thread) or another
 * worker: nothing is lost, and a late reply from a worker given up is ignored, so nothing is
 * counted twice. Each such product is charged one strike and, from then on, runs alone on its
 * worker, so that a product that breaks workers is told apart from those that merely shared one
 * with it; at {@value #MAX_DISPATCHES} strikes it is reported as failed. Nothing waits forever.
 * {@link #close()} (and, for Ctrl-C, a shutdown hook) stops every worker process.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    /** How many workers may break on one product before it is given up: the first and two replacements. */
    static final int MAX_DISPATCHES = 3;

    private final String mainClass;
    private final List<String> workerArgs;
    private final Duration replyDeadline;
    private final BlockingDeque<Job> jobs = new LinkedBlockingDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    /** Every worker ever started, so that close and the shutdown hook miss none. */
    private final List<Worker> started = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong();
    /** Gives up on a worker whose reply is overdue. */
    private final ScheduledThreadPoolExecutor deadlines;
    private final Thread shutdownHook;
    /** Guards {@link #closed} against workers starting while the pool closes. */
    private final Object lifecycle = new Object();
    private volatile boolean closed;

    /**
     * A product waiting for a worker, and where its outcome goes. Its strikes are changed only by
     * the one thread that holds it at the time (it is handed on through the queue).
     */
    private static final class Job {
        final URI url;
        final CompletableFuture<ProductOutcome> outcome;
        int strikes;
        String lastProblem;

        Job(URI url, CompletableFuture<ProductOutcome> outcome) {
            this.url = url;
            this.outcome = outcome;
        }
    }

    private static final Job STOP = new Job(null, null);

    /** A request sent and not yet answered: its product, the room it holds on its worker, its deadline. */
    private record Pending(Job job, int room, ScheduledFuture<?> deadline) {}

    /**
     * Starts {@code size} workers running {@code WorkerMain <share> workerArgs...}, with the
     * {@code inFlight} requests spread over them, and waits until all are ready.
     * {@code replyDeadline} is the longest a worker may take over one product.
     */
    public WorkerPool(int size, int inFlight, List<String> workerArgs, Duration replyDeadline) {
        this(WorkerMain.class.getName(), workerArgs, size, inFlight, replyDeadline);
    }

    /**
     * Starts {@code size} workers running {@code mainClass <share> args...}, which must speak the
     * {@link WorkerMessages} protocol: tests use it to start workers that misbehave on purpose.
     */
    WorkerPool(String mainClass, List<String> workerArgs, int size, int inFlight, Duration replyDeadline) {
        if (size < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one worker, got " + size);
        }
        if (inFlight < size) {
            throw new IllegalArgumentException("a worker pool of " + size + " needs at least one request in flight per worker, got "
                    + inFlight);
        }
        this.replyDeadline = replyDeadline;
        this.mainClass = mainClass;
        this.workerArgs = List.copyOf(workerArgs);
        for (int i = 0; i < size; i++) {
            slots.add(new Slot(i, share(inFlight, size, i)));
        }
        this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "worker-deadlines");
            t.setDaemon(true);
            return t;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        this.shutdownHook = new Thread(this::killAll, "worker-pool-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            // in place before they are ready, so that one dying now is replaced like any other
            for (Slot slot : slots) {
                slot.worker = startWorker(slot);
            }
            for (Slot slot : slots) {
                slot.worker.awaitReady();
            }
            slots.forEach(slot -> slot.dispatcher.start());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Worker {@code index}'s share of {@code inFlight} requests over {@code size} workers: the first ones get the remainder. */
    static int share(int inFlight, int size, int index) {
        return inFlight / size + (index < inFlight % size ? 1 : 0);
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

    /** The process ids of the workers in service (for tests that check nothing is left behind). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Slot slot : slots) {
            Worker worker = slot.worker;
            if (worker != null && !worker.broken) {
                pids.add(worker.process.pid());
            }
        }
        return pids;
    }

    /** How many requests each worker may have outstanding, in worker order. */
    public List<Integer> shares() {
        return slots.stream().map(slot -> slot.share).toList();
    }

    /** One place in the pool: its share of the requests in flight, its dispatcher, and the worker it feeds. */
    private final class Slot {
        final int index;
        final int share;
        final Thread dispatcher;
        /** Guarded by this slot; null while no worker would start. */
        volatile Worker worker;

        Slot(int index, int share) {
            this.index = index;
            this.share = share;
            this.dispatcher = new Thread(this::dispatch, "worker-dispatch-" + index);
            this.dispatcher.setDaemon(true);
        }

        private void dispatch() {
            try {
                while (true) {
                    Worker current = usableWorker();
                    if (current != null) {
                        current.room.acquire();
                    }
                    Job job = jobs.take();
                    if (job == STOP) {
                        return;
                    }
                    if (job.outcome.isDone()) {
                        if (current != null) {
                            current.room.release();
                        }
                        continue; // cancelled while queued
                    }
                    if (current == null) {
                        job.outcome.complete(ProductOutcome.failed(new Failure(job.url, job.strikes,
                                "worker process could not be started"
                                        + (job.lastProblem == null ? "" : " (after: " + job.lastProblem + ")"))));
                        continue;
                    }
                    int room = 1;
                    if (job.strikes > 0 && share > 1) {
                        // alone on the worker: should it break this one too, no other product shares the blame
                        current.room.acquire(share - 1);
                        room = share;
                    }
                    if (current.broken) {
                        jobs.addFirst(job);
                        continue;
                    }
                    send(current, job, room);
                }
            } catch (InterruptedException e) {
                // closing
            }
        }

        /** The worker to feed: waits while a broken one is being replaced; null if none would start. */
        private Worker usableWorker() throws InterruptedException {
            synchronized (this) {
                while (!closed && worker != null && worker.broken) {
                    wait(); // the broken worker's reader starts its replacement
                }
                if (closed) {
                    return null;
                }
                if (worker != null) {
                    return worker;
                }
            }
            // the last replacement failed to start: try again, once per product, so nothing waits forever
            return replace(null);
        }

        private void send(Worker current, Job job, int room) {
            long id = nextId.incrementAndGet();
            ScheduledFuture<?> deadline = deadlines.schedule(() -> giveUp(current, "worker process " + current.pid()
                    + " gave no answer within " + replyDeadline.toMillis() + " ms", null),
                    replyDeadline.toMillis(), TimeUnit.MILLISECONDS);
            current.outstanding.put(id, new Pending(job, room, deadline));
            if (current.broken) {
                // given up on between the check and now: hand the product on uncharged, unless giveUp took it
                if (current.outstanding.remove(id) != null) {
                    deadline.cancel(false);
                    jobs.addFirst(job);
                }
                return;
            }
            try {
                current.send(WorkerMessages.write(new WorkerMessages.Request(id, job.url.toString())));
            } catch (IOException e) {
                giveUp(current, "worker process " + current.pid() + " died" + current.exitDescription(), null);
            }
        }

        /**
         * Starts a worker in place of {@code broken} (null: in place of none), unless the pool is
         * closing or another thread already did; returns the worker in service, or null.
         */
        Worker replace(Worker broken) {
            synchronized (this) {
                if (closed || worker != broken) {
                    return worker;
                }
            }
            Worker fresh;
            try {
                fresh = startWorker(this);
                fresh.awaitReady();
            } catch (RuntimeException e) {
                if (!closed) {
                    System.err.println("worker pool: cannot start worker " + index + ": " + e.getMessage());
                }
                fresh = null;
            }
            synchronized (this) {
                if (closed && fresh != null) {
                    fresh.kill();
                    fresh = null;
                }
                worker = fresh;
                notifyAll();
                return fresh;
            }
        }
    }

    /** One worker process, what it has outstanding, and the thread that reads its replies. */
    private final class Worker {
        final Slot slot;
        final Process process;
        final ChildJvm launch;
        final BufferedWriter stdin;
        /** Free room for requests: the slot's share, less what is outstanding. */
        final Semaphore room;
        final Map<Long, Pending> outstanding = new ConcurrentHashMap<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final Thread reader;
        volatile boolean broken;

        Worker(Slot slot, Process process, ChildJvm launch) {
            this.slot = slot;
            this.process = process;
            this.launch = launch;
            this.room = new Semaphore(slot.share);
            this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.reader = new Thread(this::read, "worker-reader-" + slot.index + "-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        long pid() {
            return process.pid();
        }

        private void read() {
            String first = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                first = out.readLine();
                if (WorkerMessages.READY.equals(first)) {
                    ready.complete(null);
                    String line;
                    while ((line = out.readLine()) != null) {
                        accept(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone; said below
            }
            boolean wroteSomethingElse = first != null && !WorkerMessages.READY.equals(first);
            if (wroteSomethingElse) {
                kill();
            }
            String ending = exitDescription();
            ready.completeExceptionally(new IllegalStateException("worker process " + pid() + " did not start"
                    + (wroteSomethingElse ? ": it wrote " + abbreviate(first) : ending)));
            giveUp(this, "worker process " + pid() + " died" + ending, null);
            slot.replace(this);
        }

        /** One line from the worker: the reply to one of its outstanding requests, or a reason to give up on it. */
        private void accept(String line) {
            if (broken) {
                return; // a late reply from a worker given up: its products went elsewhere
            }
            WorkerMessages.Reply reply;
            try {
                reply = WorkerMessages.read(line, WorkerMessages.Reply.class);
            } catch (IOException e) {
                giveUp(this, "worker process " + pid() + " wrote garbage: " + abbreviate(line), null);
                return;
            }
            Pending pending = outstanding.remove(reply.id());
            if (pending == null) {
                if (!broken) {
                    giveUp(this, "worker process " + pid() + " answered request " + reply.id() + ", which it was not sent", null);
                }
                return;
            }
            pending.deadline.cancel(false);
            if (!pending.job.url.toString().equals(reply.url())) {
                giveUp(this, "worker process " + pid() + " answered for " + reply.url() + " instead of " + pending.job.url,
                        pending);
                return;
            }
            ProductOutcome outcome;
            try {
                outcome = reply.toOutcome();
            } catch (IllegalArgumentException e) {
                giveUp(this, "worker process " + pid() + " wrote garbage: " + abbreviate(line), pending);
                return;
            }
            pending.job.outcome.complete(outcome);
            room.release(pending.room);
        }

        void awaitReady() {
            try {
                ready.get(STARTUP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                kill();
                throw new IllegalStateException("worker process " + pid() + " did not start within "
                        + STARTUP_DEADLINE.toSeconds() + " s");
            } catch (ExecutionException e) {
                kill();
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting worker process " + pid());
            }
        }

        /** Only the slot's dispatcher writes requests. */
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

        /** Asks the worker to stop by closing its stdin; {@link #awaitStop} forces it after a grace period. */
        void askToStop() {
            try {
                stdin.close();
            } catch (IOException e) {
                // already gone
            }
        }

        void awaitStop(long deadlineNanos) {
            try {
                if (process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    launch.exited(process);
                } else {
                    kill();
                }
                process.waitFor(5, TimeUnit.SECONDS);
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }

        /** Kills the process at once (its reader then sees the end of its output). */
        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * Gives up on a worker: marks it broken (so its late replies are ignored), charges every product
     * it had outstanding (and {@code alsoHeld}, taken off it by the caller) one strike, and kills it;
     * its reader then starts the replacement. Idempotent.
     */
    private void giveUp(Worker worker, String problem, Pending alsoHeld) {
        boolean first;
        synchronized (worker) {
            first = !worker.broken;
            worker.broken = true;
        }
        if (alsoHeld != null) {
            alsoHeld.deadline.cancel(false);
            charge(alsoHeld.job, problem);
        }
        if (!first) {
            return;
        }
        for (Long id : List.copyOf(worker.outstanding.keySet())) {
            Pending pending = worker.outstanding.remove(id);
            if (pending != null) {
                pending.deadline.cancel(false);
                charge(pending.job, problem);
            }
        }
        // wakes the dispatcher if it waits for room on this worker; the room of a broken worker no longer counts
        worker.room.release(Integer.MAX_VALUE / 2);
        worker.kill();
        synchronized (worker.slot) {
            worker.slot.notifyAll();
        }
    }

    /** A strike for a product whose worker broke: back to the head of the queue, or failed at the last strike. */
    private void charge(Job job, String problem) {
        if (job.outcome.isDone()) {
            return; // cancelled meanwhile
        }
        job.strikes++;
        job.lastProblem = problem;
        if (job.strikes >= MAX_DISPATCHES) {
            job.outcome.complete(ProductOutcome.failed(new Failure(job.url, MAX_DISPATCHES,
                    "worker processes failed " + MAX_DISPATCHES + " times on this product; the last: " + problem)));
            return;
        }
        jobs.addFirst(job);
        if (closed && jobs.remove(job)) {
            job.outcome.complete(ProductOutcome.failed(new Failure(job.url, job.strikes, "worker pool closed")));
        }
    }

    private Worker startWorker(Slot slot) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(slot.share));
        args.addAll(workerArgs);
        // a command line per worker: only one of them may write the class-data archive
        ChildJvm launch = ChildJvm.of("worker", mainClass, args);
        ProcessBuilder builder = new ProcessBuilder(launch.command()).redirectError(ProcessBuilder.Redirect.INHERIT);
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the worker pool is closed");
            }
            Worker worker;
            try {
                worker = new Worker(slot, builder.start(), launch);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a worker process: " + e.getMessage(), e);
            }
            started.add(worker);
            return worker;
        }
    }

    private static String abbreviate(String line) {
        String flat = line.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 60 ? "'" + flat + "'" : "'" + flat.substring(0, 60) + "...'";
    }

    private void killAll() {
        started.forEach(Worker::kill);
    }

    /**
     * Stops every worker: closes their stdin, waits briefly, then kills what is left, and waits for
     * every thread of the pool. Products still queued or outstanding end as cancelled or failed.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true; // from here on no worker starts
        }
        for (Job job : jobs) {
            if (job.outcome != null) {
                job.outcome.cancel(false);
            }
        }
        jobs.clear();
        for (Slot slot : slots) {
            jobs.add(STOP);
            slot.dispatcher.interrupt();
        }
        for (Slot slot : slots) {
            try {
                slot.dispatcher.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.forEach(Worker::askToStop);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        started.forEach(worker -> worker.awaitStop(deadline));
        for (Slot slot : slots) {
            slot.worker = null;
        }
        deadlines.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }
}
