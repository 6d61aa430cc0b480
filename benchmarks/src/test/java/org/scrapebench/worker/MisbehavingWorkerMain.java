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

/**
 * A worker for tests: speaks the worker protocol without fetching anything, and misbehaves as the
 * product URL's first path segment says: {@code ok}, {@code die-once}, {@code hang-once},
 * {@code garbage-once}, {@code die-always}. "Once" is across all workers of a pool: the first worker
 * to meet the product leaves a marker file in the directory given as the only argument, so the
 * replacement answers properly.
 */
public final class MisbehavingWorkerMain {

    private MisbehavingWorkerMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        File markers = new File(args[0]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.println(WorkerMessages.READY);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            WorkerMessages.Request request = WorkerMessages.read(line, WorkerMessages.Request.class);
            String[] path = URI.create(request.url()).getPath().split("/");
            String behaviour = path[1];
            boolean first = new File(markers, path[1] + "-" + path[2]).createNewFile();
            if (behaviour.equals("die-always") || (behaviour.equals("die-once") && first)) {
                Runtime.getRuntime().halt(137); // as if killed by signal 9
            }
            if (behaviour.equals("hang-once") && first) {
                Thread.sleep(Long.MAX_VALUE);
            }
            if (behaviour.equals("garbage-once") && first) {
                out.println("\u0001<html>this is not a reply");
                continue;
            }
            out.println(WorkerMessages.write(new WorkerMessages.Reply(request.id(), request.url(),
                    "product " + path[2], "1.00", "USD", null, 1, 0L)));
        }
    }
}
