package org.scrapebench.worker;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.scrapebench.process.ChildJvm;
import org.scrapebench.process.ChildProcess;
import org.scrapebench.process.RedispatchPolicy;
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
 * with it; at {@value RedispatchPolicy#MAX_STRIKES} strikes it is reported as failed
 * ({@link RedispatchPolicy}). Nothing waits forever.
 * {@link #close()} stops every worker process; each is a {@link ChildProcess}, killed on Ctrl-C too.
 */
public final class WorkerPool implements AutoCloseable {

    private static final RedispatchPolicy REDISPATCH = new RedispatchPolicy("worker processes");

    private final String mainClass;
    private final List<String> workerArgs;
    private final Duration replyDeadline;
    private final BlockingDeque<Job> jobs = new LinkedBlockingDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    /** Every worker ever started, so that close misses none. */
    private final List<Worker> started = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong();
    /** Gives up on a worker whose reply is overdue. */
    private final ScheduledThreadPoolExecutor deadlines;
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
        final RedispatchPolicy.Strikes strikes = REDISPATCH.strikes();

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
        try {
            // in place before they are ready, so that one dying now is replaced like any other
            for (Slot slot : slots) {
                slot.worker = startWorker(slot);
            }
            for (Slot slot : slots) {
                slot.worker.process.awaitReady(ChildProcess.START_DEADLINE);
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
                        job.outcome.complete(ProductOutcome.failed(new Failure(job.url, job.strikes.count(),
                                "worker process could not be started"
                                        + (job.strikes.last() == null ? "" : " (after: " + job.strikes.last() + ")"))));
                        continue;
                    }
                    int room = 1;
                    if (job.strikes.count() > 0 && share > 1) {
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
            ScheduledFuture<?> deadline = deadlines.schedule(() -> giveUp(current, current.name()
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
                current.process.send(WorkerMessages.write(new WorkerMessages.Request(id, job.url.toString())));
            } catch (IOException e) {
                giveUp(current, current.name() + " died" + current.process.exitDescription(), null);
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
                fresh.process.awaitReady(ChildProcess.START_DEADLINE);
            } catch (RuntimeException e) {
                if (!closed) {
                    System.err.println("worker pool: cannot start worker " + index + ": " + e.getMessage());
                }
                fresh = null;
            }
            synchronized (this) {
                if (closed && fresh != null) {
                    fresh.process.kill();
                    fresh = null;
                }
                worker = fresh;
                notifyAll();
                return fresh;
            }
        }
    }

    /** One worker process, what it has outstanding, and what it says back. */
    private final class Worker implements ChildProcess.Listener {
        final Slot slot;
        /** Free room for requests: the slot's share, less what is outstanding. */
        final Semaphore room;
        final Map<Long, Pending> outstanding = new ConcurrentHashMap<>();
        final ChildProcess process;
        volatile boolean broken;

        Worker(Slot slot, ChildProcess process) {
            this.slot = slot;
            this.process = process;
            this.room = new Semaphore(slot.share);
        }

        String name() {
            return process.name();
        }

        /** One line from the worker: the reply to one of its outstanding requests, or a reason to give up on it. */
        @Override
        public void line(String line) {
            if (broken) {
                return; // a late reply from a worker given up: its products went elsewhere
            }
            WorkerMessages.Reply reply;
            try {
                reply = WorkerMessages.read(line, WorkerMessages.Reply.class);
            } catch (IOException e) {
                giveUp(this, name() + " wrote garbage: " + ChildProcess.abbreviate(line), null);
                return;
            }
            Pending pending = outstanding.remove(reply.id());
            if (pending == null) {
                if (!broken) {
                    giveUp(this, name() + " answered request " + reply.id() + ", which it was not sent", null);
                }
                return;
            }
            pending.deadline.cancel(false);
            if (!pending.job.url.toString().equals(reply.url())) {
                giveUp(this, name() + " answered for " + reply.url() + " instead of " + pending.job.url, pending);
                return;
            }
            ProductOutcome outcome;
            try {
                outcome = reply.toOutcome();
            } catch (IllegalArgumentException e) {
                giveUp(this, name() + " wrote garbage: " + ChildProcess.abbreviate(line), pending);
                return;
            }
            pending.job.outcome.complete(outcome);
            room.release(pending.room);
        }

        /** The worker's output ended: it died, or was killed. Its products go elsewhere; a replacement starts. */
        @Override
        public void ended() {
            giveUp(this, name() + " died" + process.exitDescription(), null);
            slot.replace(this);
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
        worker.process.kill();
        synchronized (worker.slot) {
            worker.slot.notifyAll();
        }
    }

    /** A strike for a product whose worker broke: back to the head of the queue, or failed at the last strike. */
    private void charge(Job job, String problem) {
        if (job.outcome.isDone()) {
            return; // cancelled meanwhile
        }
        Optional<Failure> failed = job.strikes.charge(job.url, problem);
        if (failed.isPresent()) {
            job.outcome.complete(ProductOutcome.failed(failed.get()));
            return;
        }
        jobs.addFirst(job);
        if (closed && jobs.remove(job)) {
            job.outcome.complete(ProductOutcome.failed(new Failure(job.url, job.strikes.count(), "worker pool closed")));
        }
    }

    private Worker startWorker(Slot slot) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(slot.share));
        args.addAll(workerArgs);
        // a command line per worker: only one of them may write the class-data archive
        ChildJvm launch = ChildJvm.of("worker", mainClass, args);
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the worker pool is closed");
            }
            Worker worker = ChildProcess.start("worker process", launch, "worker-reader-" + slot.index,
                    child -> new Worker(slot, child));
            started.add(worker);
            return worker;
        }
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
        ChildProcess.stopAll(started.stream().map(worker -> worker.process).toList(), ChildProcess.STOP_GRACE);
        for (Slot slot : slots) {
            slot.worker = null;
        }
        deadlines.shutdownNow();
    }
}
