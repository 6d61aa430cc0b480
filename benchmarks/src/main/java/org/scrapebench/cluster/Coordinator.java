package org.scrapebench.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.Optional;
import org.scrapebench.process.ChildProcess;
import org.scrapebench.process.RedispatchPolicy;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * The coordinator's side of a scrapebench cluster. It is the cluster's only data member: the
 * product queue, the claims and the results live in this JVM, so a member that dies, even by
 * kill -9, takes no data with it and causes no partition migration; and the job's state lives
 * where the job is assembled, which is gone with this JVM anyway. The members are lite members
 * that only compute: either JVMs this coordinator starts on this machine (bound to loopback, in a
 * cluster whose name is new for every coordinator), or members already running elsewhere.
 *
 * <p>At most {@code concurrency} products are on the queue or being scraped at once, whatever the
 * number of members; the rest wait here. Hazelcast's queue has no acknowledgement, so a member
 * claims a task (claims map: task to member) before scraping it, and the coordinator re-queues
 * the tasks of a member that left, of a member that gave no answer within the reply deadline
 * (killing it when it is ours), and those taken by a member that left before claiming them. The
 * first result for a product wins; a product is handed on and given up as {@link RedispatchPolicy}
 * says, as the worker processes' are. Members of ours that die are replaced.
 */
public final class Coordinator implements AutoCloseable {

    private static final RedispatchPolicy REDISPATCH = new RedispatchPolicy("cluster members");
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(200);
    /** How long after a member left a task that is neither on the queue nor claimed counts as taken by it. */
    private static final Duration CLAIM_SETTLE = Duration.ofSeconds(1);

    private final String job = UUID.randomUUID().toString();
    private final int concurrency;
    private final Duration replyDeadline;
    private final String clusterName;
    private final HazelcastInstance hz;
    private final IQueue<String> products;
    private final IQueue<String> results;
    private final IMap<String, String> claims;
    private final String memberMain;
    private final List<String> memberArgs;
    private final AtomicReferenceArray<LocalMember> localMembers;
    private final BlockingQueue<Integer> restarts = new LinkedBlockingQueue<>();
    private final Set<UUID> departed = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastDeparture = new AtomicLong();
    private final AtomicLong nextId = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /** Guards {@link #waiting}, {@link #inFlight} and every {@link Handoff}'s fields. */
    private final Object lock = new Object();
    private final Deque<Handoff> waiting = new ArrayDeque<>();
    private final Map<Long, Handoff> inFlight = new HashMap<>();

    /** A product handed to the cluster, and where its outcome goes. */
    private static final class Handoff {
        final long id;
        final URI url;
        final CompletableFuture<ProductOutcome> outcome = new CompletableFuture<>();
        /** Times put on the queue: tells an earlier dispatch's claim and answer from the current one's. */
        int dispatch;
        final RedispatchPolicy.Strikes strikes = REDISPATCH.strikes();
        String entry;
        String claimKey;
        long dispatchedAt;
        UUID claimant;
        long claimSeenAt;

        Handoff(long id, URI url) {
            this.id = id;
            this.url = url;
        }
    }

    /**
     * Forms the cluster: starts {@code settings.members()} member JVMs running
     * {@code memberMain memberMainArgs... <member options>} on loopback, or joins the members
     * {@code settings.clusterMembers()} names, and waits until they have joined.
     *
     * @param replyDeadline the longest a member may take over one product before it counts as hung
     * @throws IllegalArgumentException if none of the named members can be reached
     */
    public Coordinator(ScrapeSettings settings, Duration replyDeadline, String memberMain, List<String> memberMainArgs) {
        this.concurrency = settings.concurrency();
        this.replyDeadline = replyDeadline;
        this.memberMain = memberMain;
        ClusterMembers remote = settings.cluster().clusterMembers() == null ? null
                : ClusterMembers.parse(settings.cluster().clusterMembers());
        this.clusterName = remote == null ? "scrapebench-" + job : remote.clusterName();
        String bind = remote == null ? "127.0.0.1" : localAddressTowards(remote.firstHost());
        this.hz = Hazelcast.newHazelcastInstance(ClusterConfig.of(clusterName, "coordinator-" + job.substring(0, 8),
                bind, 0, remote == null ? List.of() : remote.addresses(), false));
        int started = remote == null ? settings.cluster().members() : 0;
        this.localMembers = new AtomicReferenceArray<>(started);
        try {
            this.products = hz.getQueue(ClusterMessages.PRODUCTS);
            this.results = hz.getQueue(ClusterMessages.RESULTS);
            this.claims = hz.getMap(ClusterMessages.CLAIMS);
            hz.<String, String>getMap(ClusterMessages.JOBS).set(job, settings.toJson());
            hz.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    // a new member simply starts taking tasks
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    departed(event.getMember().getUuid());
                }
            });
            if (remote != null) {
                checkRemoteCluster(remote);
                this.memberArgs = List.of();
            } else {
                Member self = hz.getCluster().getLocalMember();
                List<String> args = new ArrayList<>(memberMainArgs);
                args.addAll(List.of("--cluster-name", clusterName, "--bind", bind, "--port", "0",
                        "--join", bind + ":" + self.getAddress().getPort(),
                        // the in-flight limit is kept here; enough takers that the members can reach it
                        "--threads", Integer.toString((concurrency + started - 1) / started),
                        "--until-stdin-closes"));
                this.memberArgs = List.copyOf(args);
                startLocalMembers();
            }
            startThread("dist-results", this::takeResults);
            startThread("dist-sweeper", this::sweep);
            startThread("dist-restarter", this::restartMembers);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startLocalMembers() {
        for (int i = 0; i < localMembers.length(); i++) {
            localMembers.set(i, LocalMember.start(memberMain, memberArgs, i));
        }
        for (int i = 0; i < localMembers.length(); i++) {
            LocalMember member = localMembers.get(i);
            member.awaitReady();
            watch(i, member);
        }
    }

    /** Fails fast, in one line, unless the named members are there and no other coordinator uses them. */
    private void checkRemoteCluster(ClusterMembers remote) {
        Set<Member> members = hz.getCluster().getMembers();
        if (members.stream().noneMatch(Member::isLiteMember)) {
            throw new IllegalArgumentException("no cluster member of '" + clusterName + "' reachable at "
                    + String.join(",", remote.addresses()));
        }
        for (Member member : members) {
            if (!member.isLiteMember() && !member.localMember()) {
                throw new IllegalStateException("cluster '" + clusterName + "' already has a coordinator at "
                        + member.getAddress() + ": one run at a time");
            }
        }
    }

    /** The address of this machine that routes to {@code host}: where the remote members can reach us. */
    private static String localAddressTowards(String host) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(host), 9));
            return probe.getLocalAddress().getHostAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("cluster member host '" + host + "' cannot be reached: " + e.getMessage());
        }
    }

    private void startThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Hands a product to the cluster; the future completes with its outcome, never exceptionally but for cancellation. */
    public CompletableFuture<ProductOutcome> submit(URI url) {
        if (closed) {
            throw new IllegalStateException("the cluster is closed");
        }
        Handoff handoff = new Handoff(nextId.incrementAndGet(), url);
        handoff.outcome.whenComplete((outcome, error) -> {
            if (error instanceof CancellationException) {
                cancelled(handoff);
            }
        });
        synchronized (lock) {
            waiting.add(handoff);
            feed();
        }
        return handoff.outcome;
    }

    /** Puts waiting products on the queue while fewer than {@code concurrency} are out. */
    private void feed() {
        while (inFlight.size() < concurrency && !waiting.isEmpty()) {
            Handoff next = waiting.poll();
            if (!next.outcome.isDone()) {
                inFlight.put(next.id, next);
                dispatch(next);
            }
        }
    }

    private void dispatch(Handoff handoff) {
        handoff.dispatch++;
        ClusterMessages.Task task = new ClusterMessages.Task(job, handoff.id, handoff.dispatch, handoff.url.toString());
        handoff.entry = ClusterMessages.write(task);
        handoff.claimKey = task.claimKey();
        handoff.claimant = null;
        handoff.dispatchedAt = System.nanoTime();
        products.offer(handoff.entry);
    }

    /** Completes a product and lets the next one out. */
    private void finish(Handoff handoff, ProductOutcome outcome) {
        handoff.outcome.complete(outcome);
        drop(handoff);
    }

    private void drop(Handoff handoff) {
        inFlight.remove(handoff.id);
        claims.delete(handoff.claimKey);
        feed();
    }

    /** A cancelled product still on the queue is taken off; one a member holds stays counted until it answers. */
    private void cancelled(Handoff handoff) {
        synchronized (lock) {
            if (closed || waiting.remove(handoff) || inFlight.get(handoff.id) != handoff) {
                return;
            }
            if (handoff.claimant == null && products.remove(handoff.entry)) {
                drop(handoff);
            }
        }
    }

    private void takeResults() {
        try {
            while (!closed) {
                String text = results.poll(SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                if (text != null) {
                    accept(text);
                }
            }
        } catch (InterruptedException | HazelcastInstanceNotActiveException e) {
            // closing
        }
    }

    private void accept(String text) {
        ClusterMessages.Result result;
        try {
            result = ClusterMessages.read(text, ClusterMessages.Result.class);
        } catch (IllegalArgumentException e) {
            System.err.println("cluster coordinator: ignoring " + e.getMessage());
            return;
        }
        if (!job.equals(result.job())) {
            return;
        }
        synchronized (lock) {
            Handoff handoff = inFlight.get(result.id());
            if (handoff == null || handoff.dispatch != result.dispatch()) {
                claims.delete(result.claimKey());
            }
            if (handoff == null) {
                return; // a late answer: the product was answered already, or its scrape was cancelled
            }
            if (handoff.dispatch != result.dispatch()) {
                // an earlier dispatch answered after all: its re-queued copy is not needed
                products.remove(handoff.entry);
            }
            ProductOutcome outcome;
            try {
                outcome = result.reply().toOutcome();
                if (!outcome.url().equals(handoff.url)) {
                    throw new IllegalArgumentException("answered for " + outcome.url() + " instead of " + handoff.url);
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                redispatch(handoff, handoff.dispatch, "cluster member " + result.member() + " answered garbage: " + e.getMessage());
                return;
            }
            finish(handoff, outcome);
        }
    }

    /**
     * Every {@link #SWEEP_INTERVAL}: notes which member claimed each product, and re-queues the
     * products of members that left or hung, and those taken but never claimed by a member that left.
     */
    private void sweep() {
        try {
            while (!closed) {
                Thread.sleep(SWEEP_INTERVAL.toMillis());
                sweepOnce();
            }
        } catch (InterruptedException | HazelcastInstanceNotActiveException e) {
            // closing
        }
    }

    private void sweepOnce() {
        List<Handoff> out;
        synchronized (lock) {
            out = new ArrayList<>(inFlight.values());
        }
        long now = System.nanoTime();
        long departure = lastDeparture.get();
        boolean anyMember = hz.getCluster().getMembers().stream().anyMatch(Member::isLiteMember);
        for (Handoff handoff : out) {
            int dispatch;
            String claimKey;
            String entry;
            UUID claimant;
            long dispatchedAt;
            synchronized (lock) {
                if (inFlight.get(handoff.id) != handoff) {
                    continue;
                }
                dispatch = handoff.dispatch;
                claimKey = handoff.claimKey;
                entry = handoff.entry;
                claimant = handoff.claimant;
                dispatchedAt = handoff.dispatchedAt;
            }
            if (claimant == null) {
                boolean memberLeftSince = departure != 0 && departure - dispatchedAt > 0
                        && now - departure > CLAIM_SETTLE.toNanos();
                boolean overdue = now - dispatchedAt > replyDeadline.toNanos();
                if (!memberLeftSince && !overdue && anyMember) {
                    claimant = claimOf(claimKey);
                } else if (products.contains(entry)) {
                    if (overdue && !anyMember) {
                        fail(handoff, dispatch, "no cluster member took it within " + replyDeadline.toMillis() + " ms");
                    }
                    continue;
                } else {
                    // off the queue: claimed by now, or taken by a member that left before claiming it
                    claimant = claimOf(claimKey);
                    if (claimant == null && (memberLeftSince || overdue)) {
                        redispatch(handoff, dispatch, "taken from the queue by a cluster member that left before claiming it");
                        continue;
                    }
                }
                if (claimant == null) {
                    continue;
                }
                synchronized (lock) {
                    if (handoff.dispatch == dispatch && handoff.claimant == null) {
                        handoff.claimant = claimant;
                        handoff.claimSeenAt = now;
                    }
                }
            }
            long claimedAt;
            synchronized (lock) {
                claimedAt = handoff.claimSeenAt;
            }
            if (departed.contains(claimant)) {
                redispatch(handoff, dispatch, "cluster member " + claimant + " left while scraping it");
            } else if (now - claimedAt > replyDeadline.toNanos()) {
                killIfOurs(claimant);
                redispatch(handoff, dispatch, "cluster member " + claimant + " gave no answer within "
                        + replyDeadline.toMillis() + " ms");
            }
        }
    }

    private UUID claimOf(String claimKey) {
        String member = claims.get(claimKey);
        return member == null ? null : UUID.fromString(member);
    }

    /** Queues the product again, unless it was answered meanwhile or has failed too often. */
    private void redispatch(Handoff handoff, int dispatch, String problem) {
        synchronized (lock) {
            if (inFlight.get(handoff.id) != handoff || handoff.dispatch != dispatch) {
                return;
            }
            if (handoff.outcome.isDone()) {
                drop(handoff); // cancelled: nobody waits for it any more
            } else {
                Optional<Failure> failed = handoff.strikes.charge(handoff.url, problem);
                if (failed.isPresent()) {
                    finish(handoff, ProductOutcome.failed(failed.get()));
                } else {
                    products.remove(handoff.entry);
                    claims.delete(handoff.claimKey);
                    dispatch(handoff);
                }
            }
        }
    }

    private void fail(Handoff handoff, int dispatch, String problem) {
        synchronized (lock) {
            if (inFlight.get(handoff.id) == handoff && handoff.dispatch == dispatch) {
                products.remove(handoff.entry);
                finish(handoff, ProductOutcome.failed(new Failure(handoff.url, 0, problem)));
            }
        }
    }

    private void departed(UUID member) {
        if (departed.add(member)) {
            lastDeparture.set(System.nanoTime());
        }
    }

    private void killIfOurs(UUID member) {
        for (int i = 0; i < localMembers.length(); i++) {
            LocalMember local = localMembers.get(i);
            if (local != null && member.equals(local.uuid())) {
                local.process().kill();
            }
        }
    }

    /** When a member of ours exits, its products are re-queued (it has left) and a replacement starts. */
    private void watch(int index, LocalMember member) {
        member.process().onExit().thenRun(() -> {
            if (closed) {
                return;
            }
            UUID uuid = member.uuid();
            if (uuid != null) {
                departed(uuid);
            }
            restarts.add(index);
        });
    }

    private void restartMembers() {
        try {
            while (!closed) {
                int index = restarts.take();
                try {
                    LocalMember fresh = LocalMember.start(memberMain, memberArgs, index);
                    localMembers.set(index, fresh);
                    fresh.awaitReady();
                    watch(index, fresh);
                } catch (IllegalStateException e) {
                    if (!closed) {
                        System.err.println("cluster coordinator: cannot replace member " + index + ": " + e.getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** The cluster's name: new for every coordinator that starts its own members. */
    public String clusterName() {
        return clusterName;
    }

    /** The nodes in the cluster, this coordinator included. */
    public int clusterSize() {
        return hz.getCluster().getMembers().size();
    }

    /** The process ids of the live members this coordinator started. */
    public List<Long> memberPids() {
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < localMembers.length(); i++) {
            LocalMember member = localMembers.get(i);
            if (member != null && member.process().isAlive()) {
                pids.add(member.process().pid());
            }
        }
        return pids;
    }

    /** Stops the members this coordinator started, then leaves the cluster. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (lock) {
            waiting.forEach(h -> h.outcome.cancel(false));
            inFlight.values().forEach(h -> h.outcome.cancel(false));
            waiting.clear();
            inFlight.clear();
        }
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ChildProcess> members = new ArrayList<>();
        for (int i = 0; i < localMembers.length(); i++) {
            LocalMember member = localMembers.get(i);
            if (member != null) {
                members.add(member.process());
            }
        }
        ChildProcess.stopAll(members, ChildProcess.STOP_GRACE);
        hz.shutdown();
    }
}
