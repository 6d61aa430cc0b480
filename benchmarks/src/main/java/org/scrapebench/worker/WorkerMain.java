package org.scrapebench.worker;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.scrapebench.process.ChildProcess;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * A worker process: opens its page source once (like a process pool's initializer), prints READY,
 * then scrapes the products it is sent on a fixed pool of as many threads as it may be sent
 * requests at once, writing each reply as one line on stdout as soon as it is ready, until stdin
 * ends. Started only by {@link WorkerPool}.
 *
 * <p>Arguments: {@code <threads> <settings>}, the settings as {@link ScrapeSettings#toJson} writes
 * them. Each worker has a GIL of its own when the switch is on, as each CPython process does.
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) throws IOException {
        // stdout carries the protocol only: anything else that prints goes to stderr.
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Workload workload;
        int threads;
        try {
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: WorkerMain <threads> <settings as JSON>");
            }
            threads = Integer.parseInt(args[0]);
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            workload = new Workload(ScrapeSettings.fromJson(args[1]));
        } catch (RuntimeException e) {
            System.err.println("worker: " + e.getMessage());
            System.exit(2);
            return;
        }
        Writer out = new OutputStreamWriter(protocolOut, StandardCharsets.UTF_8);
        out.write(ChildProcess.READY + "\n");
        out.flush();
        AtomicInteger threadCount = new AtomicInteger();
        // the parent never sends more than `threads` requests at once, so none waits for a thread
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "worker-scrape-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (workload;
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                WorkerMessages.Request request;
                try {
                    request = WorkerMessages.read(line, WorkerMessages.Request.class);
                } catch (IOException e) {
                    System.err.println("worker: unreadable request, exiting: " + e.getMessage());
                    System.exit(3);
                    return;
                }
                pool.execute(() -> answer(request, workload, out));
            }
        } finally {
            pool.shutdownNow();
        }
        // stdin closed: the parent is done with us, or gone.
        System.exit(0);
    }

    private static void answer(WorkerMessages.Request request, Workload workload, Writer out) {
        WorkerMessages.Reply reply;
        try {
            reply = WorkerMessages.Reply.of(request.id(), workload.scrapeProduct(URI.create(request.url())));
        } catch (InterruptedException e) {
            return; // shutting down
        } catch (RuntimeException e) {
            reply = new WorkerMessages.Reply(request.id(), request.url(), null, null, null,
                    "worker error: " + e, 0, 0L);
        }
        String line = WorkerMessages.write(reply);
        // one line per reply, never two interleaved
        synchronized (out) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                System.exit(0); // the parent is gone
            }
        }
    }
}
