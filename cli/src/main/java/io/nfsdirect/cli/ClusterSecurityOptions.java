package io.nfsdirect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.cluster.ClusterTransport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How this process's cluster node proves it belongs: the cluster's key directory (TLS with
 * mutual authentication, the default) or, said out loud, none ({@code --insecure}). Without
 * either option the key directory comes from {@code NFSDIRECT_TLS_DIR}; a node with no keys at
 * all does not start (see {@link ClusterTransport}).
 */
final class ClusterSecurityOptions {

    @Option(names = "--tls", paramLabel = "DIR",
            description = "the cluster's key directory, made once with `nfsdirect keys DIR` and given to every node: "
                    + "the nodes talk TLS with mutual authentication, and only holders of these keys get in "
                    + "(default: $NFSDIRECT_TLS_DIR)")
    Path tls;

    @Option(names = "--insecure",
            description = "plain TCP between the nodes, no TLS: anyone who can reach a node's port can join the "
                    + "cluster and read or write through it; for a trusted network only")
    boolean insecure;

    boolean given() {
        return tls != null || insecure;
    }

    /** @return why the options cannot go together, or null */
    String conflict() {
        return tls != null && insecure ? "--tls and --insecure exclude each other" : null;
    }

    /** The node settings these options stand for; empty when neither was given. */
    Config config() {
        Map<String, Object> s = new HashMap<>();
        if (tls != null) {
            s.put(ClusterTransport.TLS_DIR, tls.toAbsolutePath().toString());
        }
        if (insecure) {
            s.put(ClusterTransport.INSECURE, true);
        }
        return ConfigFactory.parseMap(s, "command line");
    }
}
