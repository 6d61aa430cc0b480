package org.scrapebench.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.worker.WorkerMessages;

/**
 * What the coordinator and the members exchange through the cluster, as JSON strings (Hazelcast
 * serialises strings cheaply and needs no class of ours on a member's class path to hold them):
 * the job's settings in a map, product tasks on a queue, claims in a map, results on a queue.
 */
final class ClusterMessages {

    /** The queue of product tasks the members take from. */
    static final String PRODUCTS = "scrapebench.products";
    /** The queue of results the coordinator takes from. */
    static final String RESULTS = "scrapebench.results";
    /** Task key to the UUID of the member working on it: the queue has no acknowledgement. */
    static final String CLAIMS = "scrapebench.claims";
    /** Job id to the job's settings ({@link ScrapeSettings#toJson}): how a member opens its workload for that job. */
    static final String JOBS = "scrapebench.jobs";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ClusterMessages() {}

    /**
     * One product to scrape: {@code dispatch} counts the times it was put on the queue, so that a
     * claim of an earlier dispatch (by a member that left) is never mistaken for a current one.
     */
    record Task(String job, long id, int dispatch, String url) {
        String claimKey() {
            return ClusterMessages.claimKey(job, id, dispatch);
        }
    }

    /** A member's answer to a task. */
    record Result(String job, long id, int dispatch, String member, WorkerMessages.Reply reply) {
        /** The key of the claim on the task this answers. */
        String claimKey() {
            return ClusterMessages.claimKey(job, id, dispatch);
        }
    }

    static String claimKey(String job, long id, int dispatch) {
        return job + "/" + id + "/" + dispatch;
    }

    static String write(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message, e);
        }
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
