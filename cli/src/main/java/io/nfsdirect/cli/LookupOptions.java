package io.nfsdirect.cli;

import io.nfsdirect.worker.ClientPool;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that only look (stat, ls): they start no node and move no data,
 * so they take the NFS client's settings and credentials, and nothing about chunks.
 */
final class LookupOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--connections", paramLabel = "N",
            description = "TCP connections to the NFS server, like nconnect, 1..16 (default: 1)")
    Integer connections;

    @Mixin
    RpcOptions rpc = new RpcOptions();

    @Mixin
    Credentials credentials = new Credentials();

    @Option(names = "--stats", description = "print on stderr afterwards the NFS client's counters (RPCs, bytes, "
            + "retransmits) for each server")
    boolean stats;

    @Mixin
    DebugOption debug = new DebugOption();

    /** Rejects values picocli's types let through; a bad one is a usage error (exit 2). */
    void validate() {
        NodeTuning.checkConnections(spec, connections);
        rpc.validate();
        credentials.validate();
    }

    ClientPool.Settings clientSettings() {
        return rpc.clientSettings(connections != null ? connections : 1);
    }
}
