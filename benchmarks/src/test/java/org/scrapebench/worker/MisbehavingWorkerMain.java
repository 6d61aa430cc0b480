package org.scrapebench.worker;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.scrapebench.process.ChildProcess;

/**
 * A worker for tests: speaks the worker protocol without fetching anything, answering up to its
 * share of requests at once (each on a thread of its own, so one that hangs holds up no other),
 * and misbehaves as the product URL's first path segment says: {@code ok}, {@code die-once},
 * {@code hang-once}, {@code garbage-once}, {@code die-always}; {@code slow} answers after 300 ms;
 * {@code together} answers only once the worker holds its whole share of such requests at once.
 * "Once" is across all workers of a pool: the first worker to meet the product leaves a marker
 * file in the directory given as the second argument, so the replacement answers properly.
 */
public final class MisbehavingWorkerMain {

    private MisbehavingWorkerMain() {}

    public static void main(String[] args) throws IOException {
        int share = Integer.parseInt(args[0]);
        File markers = new File(args[1]);
        CyclicBarrier together = new CyclicBarrier(share);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.println(ChildProcess.READY);
        ExecutorService threads = Executors.newFixedThreadPool(share, runnable -> {
            Thread t = new Thread(runnable);
            t.setDaemon(true);
            return t;
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            WorkerMessages.Request request = WorkerMessages.read(line, WorkerMessages.Request.class);
            threads.execute(() -> answer(request, markers, together, out));
        }
        System.exit(0);
    }

    private static void answer(WorkerMessages.Request request, File markers, CyclicBarrier together, PrintStream out) {
        String[] path = URI.create(request.url()).getPath().split("/");
        String behaviour = path[1];
        boolean first;
        try {
            first = new File(markers, path[1] + "-" + path[2]).createNewFile();
            if (behaviour.equals("die-always") || (behaviour.equals("die-once") && first)) {
                Runtime.getRuntime().halt(137); // as if killed by signal 9
            }
            if (behaviour.equals("hang-once") && first) {
                Thread.sleep(Long.MAX_VALUE);
            }
            if (behaviour.equals("slow")) {
                Thread.sleep(300);
            }
            if (behaviour.equals("together")) {
                together.await();
            }
        } catch (IOException | InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
        // PrintStream.println writes each line whole
        if (behaviour.equals("garbage-once") && first) {
            out.println("\u0001<html>this is not a reply");
            return;
        }
        out.println(WorkerMessages.write(new WorkerMessages.Reply(request.id(), request.url(),
                "product " + path[2], "1.00", "USD", null, 1, 0L)));
    }
}
