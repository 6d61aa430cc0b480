package org.scrapebench.cluster;

import java.util.List;
import java.util.UUID;
import org.scrapebench.process.ChildJvm;
import org.scrapebench.process.ChildProcess;

/**
 * A member JVM this machine started: its process, and its member UUID once it has joined (its
 * {@value ChildProcess#READY} line says {@code READY <uuid> <host:port>}). It leaves the cluster and
 * exits when its stdin closes ({@link ChildProcess#stop}), or is killed.
 */
final class LocalMember {

    private final ChildProcess process;
    private volatile UUID uuid;

    private LocalMember(ChildProcess process) {
        this.process = process;
    }

    /** Starts {@code mainClass args...} in a JVM of its own, with the flags Hazelcast needs; {@link #awaitReady} waits for it to join. */
    static LocalMember start(String mainClass, List<String> args, int index) {
        // a command line per member: only one of them may write the class-data archive
        ChildJvm launch = ChildJvm.of("member", ClusterConfig.jvmFlags(Runtime.version().feature()), mainClass, args);
        return new LocalMember(ChildProcess.start("cluster member process", launch, "dist-member-out-" + index));
    }

    /** The member's UUID once it has joined the cluster; kills it if it does not join in time. */
    UUID awaitReady() {
        String said = process.awaitReady(ChildProcess.START_DEADLINE);
        try {
            uuid = UUID.fromString(said.split(" ")[0]);
        } catch (IllegalArgumentException e) {
            process.kill();
            throw new IllegalStateException(process.name() + " did not start: it said READY " + said);
        }
        return uuid;
    }

    /** Its UUID, or null before it joined. */
    UUID uuid() {
        return uuid;
    }

    ChildProcess process() {
        return process;
    }
}
