package org.scrapebench.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.scrapebench.process.ChildProcess;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;
import org.scrapebench.worker.WorkerMessages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A member of a scrapebench cluster: a lite Hazelcast member (it holds no data: the coordinator
 * does) whose threads take product tasks from the queue, claim each one, fetch, parse and compute
 * it with a workload opened from the job's settings, and put the result on the results queue. It
 * prints {@code READY <member uuid> <host:port>} on stdout once it has started (and joined, when
 * told whom to join), and runs until killed or, with
 * {@code --until-stdin-closes} (how the DISTRIBUTED model starts its own members), until stdin ends.
 */
@Command(name = "MemberMain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A scrapebench cluster member: joins the cluster and scrapes the products its coordinator queues.")
public final class MemberMain implements Callable<Integer> {

    static final int EXIT_USAGE = 2;
    /** How long a taker waits on the queue before it looks again whether to stop. */
    private static final Duration POLL = Duration.ofSeconds(1);

    @Option(names = "--cluster-name", required = true, paramLabel = "NAME",
            description = "the cluster to join; the coordinator names it in clusterMembers=NAME@host:port,...")
    private String clusterName;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "the address to listen on and advertise (default: ${DEFAULT-VALUE})")
    private String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5701",
            description = "the first port to try, counting up while taken; 0 for any (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
            description = "other members or the coordinator to join, comma-separated (default: none, wait to be joined)")
    private List<String> join = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16",
            description = "products scraped at once, requests in flight from this member (default: ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--until-stdin-closes", description = "leave the cluster and exit when stdin ends")
    private boolean untilStdinCloses;

    private final ProductScraper scraper;
    private final PrintStream protocolOut;

    /** How a member scrapes one product of a job: tests swap in one that misbehaves. */
    interface ProductScraper {
        ProductOutcome scrape(Workload workload, URI url) throws InterruptedException;
    }

    private MemberMain(ProductScraper scraper, PrintStream protocolOut) {
        this.scraper = scraper;
        this.protocolOut = protocolOut;
    }

    public static void main(String[] args) {
        System.exit(run(args, Workload::scrapeProduct));
    }

    /** Runs a member that scrapes with {@code scraper}; returns the exit code. */
    static int run(String[] args, ProductScraper scraper) {
        // stdout carries READY only: anything else that prints goes to stderr
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        CommandLine cli = new CommandLine(new MemberMain(scraper, protocolOut));
        cli.setParameterExceptionHandler((ex, arguments) -> {
            System.err.println("member: " + ex.getMessage() + " (see --help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            System.err.println("member: " + ex.getMessage());
            return EXIT_USAGE;
        });
        cli.setOut(new java.io.PrintWriter(protocolOut, true));
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 1) {
            System.err.println("member: --threads must be at least 1, was " + threads);
            return EXIT_USAGE;
        }
        if (port < 0 || port > 65_535) {
            System.err.println("member: --port must be 0 to 65535, was " + port);
            return EXIT_USAGE;
        }
        String instance = "member-" + UUID.randomUUID().toString().substring(0, 8);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(
                ClusterConfig.of(clusterName, instance, bind, port, join, true));
        Thread hook = new Thread(() -> hz.getLifecycleService().terminate(), "member-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Tasks tasks = new Tasks(hz, scraper);
        List<Thread> takers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread taker = new Thread(tasks::takeTasks, "member-taker-" + i);
            taker.setDaemon(true);
            taker.start();
            takers.add(taker);
        }
        Member self = hz.getCluster().getLocalMember();
        protocolOut.println(ChildProcess.READY + " " + self.getUuid() + " " + self.getAddress().getHost() + ":"
                + self.getAddress().getPort());
        if (!untilStdinCloses) {
            for (Thread taker : takers) {
                taker.join();
            }
            return 0;
        }
        awaitEndOfStdin();
        // no poll of ours may still be parked on the coordinator when we leave: it would try to
        // answer a member that has gone, and say so on its stderr
        tasks.stop();
        for (Thread taker : takers) {
            taker.join(POLL.toMillis() * 3);
        }
        // a lite member holds no data: leaving gracefully is quick, and spares the coordinator a lost connection
        hz.shutdown();
        tasks.close();
        return 0;
    }

    private static void awaitEndOfStdin() {
        byte[] buffer = new byte[256];
        try (InputStream in = System.in) {
            while (in.read(buffer) >= 0) {
                // nothing is sent down stdin: it only tells that the parent is still there
            }
        } catch (IOException e) {
            // the parent is gone
        }
    }

    /** The member's work: take, claim, scrape, answer; one workload per job, opened on its first task. */
    static final class Tasks {
        private final HazelcastInstance hz;
        private final ProductScraper scraper;
        private final IQueue<String> products;
        private final IQueue<String> results;
        private final IMap<String, String> claims;
        private final IMap<String, String> jobs;
        private final String uuid;
        private String currentJob;
        private Workload workload;
        private volatile boolean stopping;

        Tasks(HazelcastInstance hz, ProductScraper scraper) {
            this.hz = hz;
            this.scraper = scraper;
            this.products = hz.getQueue(ClusterMessages.PRODUCTS);
            this.results = hz.getQueue(ClusterMessages.RESULTS);
            this.claims = hz.getMap(ClusterMessages.CLAIMS);
            this.jobs = hz.getMap(ClusterMessages.JOBS);
            this.uuid = hz.getCluster().getLocalMember().getUuid().toString();
        }

        /** The takers finish what they hold and take no more. */
        void stop() {
            stopping = true;
        }

        void takeTasks() {
            while (!stopping && hz.getLifecycleService().isRunning()) {
                try {
                    if (hz.getCluster().getMembers().stream().allMatch(Member::isLiteMember)) {
                        pause(); // no coordinator yet, or between two runs: the queue lives in the coordinator
                        continue;
                    }
                    String entry = products.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    if (entry != null) {
                        handle(ClusterMessages.read(entry, ClusterMessages.Task.class));
                    }
                } catch (HazelcastInstanceNotActiveException e) {
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the coordinator just left: wait for the next
                    pause();
                }
            }
        }

        private void handle(ClusterMessages.Task task) throws InterruptedException {
            claims.set(task.claimKey(), uuid);
            Workload current = workload(task.job());
            if (current == null) {
                return; // the job's coordinator has gone
            }
            WorkerMessages.Reply reply;
            try {
                reply = WorkerMessages.Reply.of(task.id(), scraper.scrape(current, URI.create(task.url())));
            } catch (RuntimeException e) {
                reply = new WorkerMessages.Reply(task.id(), task.url(), null, null, null,
                        "cluster member error: " + e, 0, 0L);
            }
            results.offer(ClusterMessages.write(new ClusterMessages.Result(task.job(), task.id(), task.dispatch(), uuid, reply)));
        }

        /** The workload of {@code job}, opened from its settings on first use; null if the job is gone. */
        private synchronized Workload workload(String job) {
            if (job.equals(currentJob)) {
                return workload;
            }
            String spec = jobs.get(job);
            if (spec == null) {
                return null;
            }
            ScrapeSettings settings = ScrapeSettings.fromJson(spec);
            close();
            workload = new Workload(settings);
            currentJob = job;
            return workload;
        }

        synchronized void close() {
            if (workload != null) {
                workload.close();
                workload = null;
                currentJob = null;
            }
        }

        private static void pause() {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
