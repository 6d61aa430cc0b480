package org.scrapebench.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configuration of every node of a scrapebench cluster, coordinator or member, in
 * code. Safe by default: TCP/IP join with an explicit member list only (no multicast, no
 * auto-detection), bound to one address, a cluster name per run, no phone-home, no shutdown hook
 * of Hazelcast's own (the coordinator and {@link MemberMain} stop their nodes themselves).
 */
public final class ClusterConfig {

    /** Every node's instance name starts with this, so Hazelcast's threads are named {@code hz.scrapebench-...}. */
    static final String INSTANCE_PREFIX = "scrapebench-";

    /** Held so that the levels set on them are not lost when the loggers are collected. */
    private static final Logger HAZELCAST_LOGGER = Logger.getLogger("com.hazelcast");
    private static final Logger LIFECYCLE_LOGGER = Logger.getLogger("com.hazelcast.instance.impl");
    private static final Logger CONNECTION_LOGGER = Logger.getLogger("com.hazelcast.internal.server");

    /**
     * What Hazelcast asks of a JVM on the class path, from its guide to running in modular Java;
     * written {@code --option=value}, the form a JVM reports its own options in.
     */
    private static final List<String> MODULE_ACCESS = List.of(
            "--add-modules=java.se",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.management/sun.management=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");
    /**
     * From JDK 23 a JVM warns on stderr when a library calls sun.misc.Unsafe's memory-access
     * methods, as Hazelcast's bundled JCTools does; the option that allows them exists only there.
     */
    private static final String UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";
    private static final int FIRST_JDK_WITH_UNSAFE_WARNINGS = 23;

    private ClusterConfig() {}

    /**
     * The JVM options a JVM that runs a Hazelcast node (a member, or the coordinator) on JDK
     * {@code feature} needs, so that Hazelcast gets the access it asks for and prints nothing.
     */
    public static List<String> jvmFlags(int feature) {
        if (feature < FIRST_JDK_WITH_UNSAFE_WARNINGS) {
            return MODULE_ACCESS;
        }
        List<String> flags = new java.util.ArrayList<>(MODULE_ACCESS);
        flags.add(UNSAFE_MEMORY_ACCESS);
        return List.copyOf(flags);
    }

    /**
     * @param instanceName  after {@link #INSTANCE_PREFIX}
     * @param bindAddress   the one address to listen on and advertise
     * @param port          0 for any free port
     * @param join          {@code host[:port]} of the nodes to join; empty to start a cluster
     * @param liteMember    whether the node holds no data: the members are lite, the coordinator holds it all
     */
    static Config of(String clusterName, String instanceName, String bindAddress, int port, List<String> join,
                     boolean liteMember) {
        // warnings on stderr, but not the start-up and shut-down chatter (with the note that
        // Hazelcast would like --add-opens for speed), nor a connection refused by a member that
        // has left: the coordinator handles a member that leaves
        HAZELCAST_LOGGER.setLevel(Level.WARNING);
        LIFECYCLE_LOGGER.setLevel(Level.SEVERE);
        CONNECTION_LOGGER.setLevel(Level.SEVERE);
        Config config = new Config()
                .setClusterName(clusterName)
                .setInstanceName(INSTANCE_PREFIX + instanceName)
                .setLiteMember(liteMember)
                .setProperty("hazelcast.logging.type", "jdk")
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.shutdownhook.enabled", "false")
                .setProperty("hazelcast.local.localAddress", bindAddress)
                .setProperty("hazelcast.socket.bind.any", "false")
                // the master admits a joining member at once instead of waiting for others to batch
                .setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(port != 0);
        JoinConfig joining = network.getJoin();
        joining.getMulticastConfig().setEnabled(false);
        joining.getAutoDetectionConfig().setEnabled(false);
        joining.getTcpIpConfig().setEnabled(true).setMembers(join);
        return config;
    }
}
