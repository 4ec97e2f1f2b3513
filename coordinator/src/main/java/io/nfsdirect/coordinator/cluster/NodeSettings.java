package io.nfsdirect.coordinator.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How one cluster node starts: what it does, where it listens and whom it joins.
 *
 * @param roles      a non-empty subset of {@link #ROLES}; {@code client} stands alone, because a
 *                   client node only sends requests and runs neither requests nor chunks
 * @param bindHost   the host Artery binds to and advertises to the other nodes, so it must be an
 *                   address they can reach (not 0.0.0.0)
 * @param port       the Artery TCP port; 0 takes any free port ({@link ClusterNode#address()} then
 *                   tells which)
 * @param seeds      {@code host:port} of the nodes to join; empty makes this node the first one of a
 *                   new cluster (it joins itself)
 * @param systemName the actor system name, the same on every node of one cluster
 */
public record NodeSettings(Set<String> roles, String bindHost, int port, List<String> seeds, String systemName) {

    public static final String COORDINATOR = "coordinator";
    public static final String WORKER = "worker";
    public static final String CLIENT = "client";
    public static final Set<String> ROLES = Set.of(COORDINATOR, WORKER, CLIENT);
    public static final String DEFAULT_SYSTEM_NAME = "nfsdirect";

    public NodeSettings {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one role of " + ROLES);
        }
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; roles are coordinator, worker, client");
            }
        }
        if (roles.contains(CLIENT) && roles.size() > 1) {
            throw new IllegalArgumentException("the client role stands alone: a client node runs neither requests "
                    + "nor chunks, so it cannot also be " + String.join(" or ", without(roles, CLIENT)));
        }
        // Keeps the caller's order, which is also the order in stats.
        roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("a node needs a host to bind to");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        for (String seed : seeds) {
            hostAndPort(seed);
        }
        systemName = systemName == null || systemName.isBlank() ? DEFAULT_SYSTEM_NAME : systemName;
    }

    /** A node of the default-named cluster. */
    public static NodeSettings of(Set<String> roles, String bindHost, int port, List<String> seeds) {
        return new NodeSettings(roles, bindHost, port, seeds, DEFAULT_SYSTEM_NAME);
    }

    /**
     * The CLI's form: {@code roles} and {@code seeds} are comma-separated
     * ({@code "coordinator,worker"}, {@code "10.0.0.1:2552,10.0.0.2:2552"}); null or blank seeds
     * start a new cluster.
     */
    public static NodeSettings parse(String roles, String bindHost, int port, String seeds) {
        Set<String> r = new LinkedHashSet<>(split(roles));
        return of(r, bindHost, port, split(seeds));
    }

    public NodeSettings withSystemName(String name) {
        return new NodeSettings(roles, bindHost, port, seeds, name);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** The seed nodes as Pekko addresses, {@code pekko://nfsdirect@host:port}. */
    public List<String> seedAddresses() {
        List<String> out = new ArrayList<>(seeds.size());
        for (String seed : seeds) {
            String[] hp = hostAndPort(seed);
            out.add("pekko://" + systemName + "@" + hp[0] + ":" + hp[1]);
        }
        return out;
    }

    static String[] hostAndPort(String seed) {
        return hostAndPort("seed", seed);
    }

    /**
     * Splits {@code host:port} or {@code [v6]:port}; the host keeps its brackets.
     *
     * @param what how an error names the value, e.g. {@code seed}
     */
    public static String[] hostAndPort(String what, String seed) {
        String s = seed == null ? "" : seed.trim();
        int colon = s.lastIndexOf(':');
        boolean bracketed = s.startsWith("[");
        if (colon <= 0 || colon == s.length() - 1 || (bracketed && s.charAt(colon - 1) != ']')
                || (!bracketed && s.indexOf(':') != colon)) {
            throw new IllegalArgumentException(what + " '" + seed + "' is not host:port");
        }
        String port = s.substring(colon + 1);
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + seed + "' has no numeric port", e);
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException(what + " '" + seed + "': port " + p + " is not in 1..65535");
        }
        return new String[] {s.substring(0, colon), port};
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static List<String> without(Set<String> roles, String role) {
        return roles.stream().filter(r -> !r.equals(role)).toList();
    }
}
