package org.scrapebench.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Members already running elsewhere, as the {@code clusterMembers} knob and the CLI's
 * {@code --cluster} give them: {@code NAME@host:port,host:port,...}, the cluster name the members
 * were started with and where to find them (commas, semicolons or spaces between addresses: JMH
 * splits a param's values at commas).
 */
public record ClusterMembers(String clusterName, List<String> addresses) {

    private static final Pattern SEPARATORS = Pattern.compile("[,; ]+");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}|\\[[0-9A-Fa-f:.]+]:\\d{1,5}");

    public ClusterMembers {
        addresses = List.copyOf(addresses);
    }

    /** @throws IllegalArgumentException with a one-line reason when the text is not {@code NAME@host:port,...} */
    public static ClusterMembers parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int at = trimmed.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("cluster members '" + text
                    + "' should be NAME@host:port,host:port,... (NAME: the --cluster-name the members were started with)");
        }
        String name = trimmed.substring(0, at);
        List<String> addresses = Arrays.stream(SEPARATORS.split(trimmed.substring(at + 1)))
                .filter(a -> !a.isEmpty())
                .toList();
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("cluster members '" + text + "' name no host:port");
        }
        for (String address : addresses) {
            if (!ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("cluster member '" + address + "' is not host:port");
            }
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("cluster member '" + address + "' has no valid port");
            }
        }
        return new ClusterMembers(name, addresses);
    }

    /** The host of the first member, to find the local address that reaches the cluster. */
    String firstHost() {
        String first = addresses.get(0);
        String host = first.substring(0, first.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
