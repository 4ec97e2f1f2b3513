package io.nfsdirect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.worker.Nfs3ClientConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The settings of a node that the command line may override, like mount options: the window of
 * the requests it coordinates and its NFS clients' connections, timeout and resends. Shared by
 * the request commands (for the node they start) and by {@code node}.
 */
public final class NodeTuning {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--window", paramLabel = "N",
            description = "chunks in flight per request; bounds memory at N x the chunk size (default: 16)")
    Integer window;

    @Option(names = "--connections", paramLabel = "N",
            description = "TCP connections per NFS server of each node, like nconnect, 1..16 (default: 2)")
    Integer connections;

    /** How long an RPC waits, and its resends. */
    @Mixin
    RpcOptions rpc = new RpcOptions();

    /** Rejects values picocli's types let through; a bad one is a usage error (exit 2). */
    void validate() {
        if (window != null && window < 1) {
            throw usage("--window must be at least 1, not " + window);
        }
        checkConnections(spec, connections);
        rpc.validate();
    }

    /** A --connections outside 1..16 is a usage error (exit 2). */
    static void checkConnections(CommandSpec spec, Integer connections) {
        if (connections != null && (connections < 1 || connections > Nfs3ClientConfig.MAX_CONNECTIONS)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--connections must be 1.." + Nfs3ClientConfig.MAX_CONNECTIONS + ", not " + connections);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The node settings these options override (the rest come from application.conf). */
    Config config(boolean debug) {
        Map<String, Object> settings = new HashMap<>();
        if (window != null) {
            settings.put("nfs-direct.window", window);
        }
        if (connections != null) {
            settings.put("nfs-direct.client.connections", connections);
        }
        rpc.addTo(settings);
        if (debug) {
            settings.put("pekko.loglevel", "DEBUG");
        }
        return ConfigFactory.parseMap(settings);
    }
}
