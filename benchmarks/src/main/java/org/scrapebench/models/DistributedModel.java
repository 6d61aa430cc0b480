package org.scrapebench.models;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.scrapebench.cluster.ClusterMembers;
import org.scrapebench.cluster.Coordinator;
import org.scrapebench.cluster.MemberMain;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * The job spread over a Hazelcast cluster: this JVM walks the category pages and puts each product
 * on a cluster queue; {@code members} member JVMs (or members already running on other machines,
 * {@code clusterMembers}) take them, fetch, parse and compute, and hand the results back through
 * the cluster. The step past {@link WorkerProcessesModel}: the same isolation, over a network, at
 * the price of a network hop and a serialisation per product, and of forming the cluster (at
 * creation, outside any measurement). A member that dies or hangs costs a retry of the products it
 * held, never the job. The members open their workload from the settings this model runs on
 * ({@link ScrapeSettings#toJson}), their share of the rate included.
 */
final class DistributedModel extends ProductTaskModel {

    private final Coordinator coordinator;

    DistributedModel(ScrapeSettings settings) {
        this(settings, MemberMain.class.getName(), List.of());
    }

    /** With members running {@code memberMain memberMainArgs...}: tests start members that misbehave. */
    DistributedModel(ScrapeSettings settings, String memberMain, List<String> memberMainArgs) {
        super(settings.sharedBy(members(settings) + 1));
        Coordinator started;
        try {
            started = new Coordinator(workload.settings(), replyDeadline(settings.source()), memberMain,
                    memberMainArgs);
        } catch (RuntimeException e) {
            workload.close();
            throw e;
        }
        this.coordinator = started;
    }

    /**
     * The members that scrape: those it starts, or those named in a cluster elsewhere. A rate is
     * shared by them and this process's category walk, a token bucket each, as worker processes
     * share it; a member that joins a cluster elsewhere later is not counted.
     */
    static int members(ScrapeSettings settings) {
        String elsewhere = settings.cluster().clusterMembers();
        return elsewhere == null ? settings.cluster().members() : ClusterMembers.parse(elsewhere).addresses().size();
    }

    /**
     * How long a member may hold one product before it counts as hung: the longest a page can take
     * ({@link ScrapeDeadline#perPage}) plus room for parsing, computing and two hops through the
     * cluster, short enough that a hung member's products are redone within {@link ScrapeDeadline}.
     */
    static Duration replyDeadline(PageSourceSpec source) {
        if (source instanceof PageSourceSpec.Http http) {
            return ScrapeDeadline.perPage(http.settings()).plus(ScrapeDeadline.ALLOWANCE.multipliedBy(2));
        }
        return Duration.ofSeconds(60);
    }

    Coordinator coordinator() {
        return coordinator;
    }

    List<Long> memberPids() {
        return coordinator.memberPids();
    }

    @Override
    protected Future<ProductOutcome> submit(URI productUrl) {
        return coordinator.submit(productUrl);
    }

    @Override
    protected void stop() {
        coordinator.close();
    }
}
