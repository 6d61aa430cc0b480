package org.scrapebench.worker;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * A worker process: opens its page source once (like a process pool's initializer), prints READY,
 * then answers one product request per line on stdin with one reply per line on stdout, until
 * stdin ends. Started only by {@link WorkerPool}.
 *
 * <p>Arguments: {@code <computeRounds> <page source args...>} (see {@link PageSourceSpec#toArgs()}).
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) throws IOException {
        // stdout carries the protocol only: anything else that prints goes to stderr.
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Workload workload;
        try {
            if (args.length < 2) {
                throw new IllegalArgumentException("usage: WorkerMain <computeRounds> <page source args...>");
            }
            int computeRounds = Integer.parseInt(args[0]);
            PageSourceSpec source = PageSourceSpec.fromArgs(List.of(Arrays.copyOfRange(args, 1, args.length)));
            workload = new Workload(new ScrapeSettings(source, 1, null, computeRounds));
        } catch (RuntimeException e) {
            System.err.println("worker: " + e.getMessage());
            System.exit(2);
            return;
        }
        Writer out = new OutputStreamWriter(protocolOut, StandardCharsets.UTF_8);
        out.write(WorkerMessages.READY + "\n");
        out.flush();
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
                WorkerMessages.Reply reply;
                try {
                    reply = WorkerMessages.Reply.of(request.id(), workload.scrapeProduct(URI.create(request.url())));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    reply = new WorkerMessages.Reply(request.id(), request.url(), null, null, null,
                            "worker error: " + e, 0, 0L);
                }
                out.write(WorkerMessages.write(reply));
                out.write('\n');
                out.flush();
            }
        }
        // stdin closed: the parent is done with us, or gone.
        System.exit(0);
    }
}
