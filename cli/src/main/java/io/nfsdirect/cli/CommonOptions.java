package io.nfsdirect.cli;

import com.typesafe.config.Config;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.worker.ClientPool;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every transfer command shares: the node's settings (window, NFS client settings,
 * in its Pekko config, like mount options), the credentials, and what the command prints. The
 * chunk sizes go with the direction: {@link ReadOptions} adds {@code --rsize}, {@link WriteOptions}
 * {@code --wsize}, and {@link CopyOptions}, for commands that do both, the two.
 */
public class CommonOptions {

    /** The chunk size under which {@link #validate} warns. */
    static final int SMALL_CHUNK = 4096;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The node's settings: window, connections, timeout, resends. */
    @Mixin
    NodeTuning tuning = new NodeTuning();

    @Mixin
    Credentials credentials = new Credentials();

    @Option(names = "--stats", description = "print on stderr afterwards what each request cost (chunks, RPCs, "
            + "retransmits, re-dispatches) and what the nodes did: a node of this process's own, its NFS counters; "
            + "nodes of a cluster, the chunks and bytes each worker node served")
    boolean stats;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary line")
    boolean quiet;

    @Mixin
    DebugOption debug = new DebugOption();

    /** The READ size asked for; null for the server's. */
    Integer rsize() {
        return null;
    }

    /** The WRITE size asked for; null for the server's. */
    Integer wsize() {
        return null;
    }

    /**
     * Rejects values picocli's types let through, a bad one being a usage error (exit 2), and
     * warns on stderr of a chunk size that works but crawls.
     */
    void validate() {
        positive("--rsize", rsize());
        positive("--wsize", wsize());
        tuning.validate();
        credentials.validate();
        warnIfTiny("--rsize", rsize());
        warnIfTiny("--wsize", wsize());
    }

    /** Below a page, every chunk is one RPC for a few bytes: the transfer goes at RPC rate. */
    private void warnIfTiny(String name, Integer value) {
        if (value != null && value < SMALL_CHUNK) {
            spec.commandLine().getErr().println(Errors.PREFIX + "warning: " + name + " " + Sizes.format(value)
                    + " is below 4 KiB: each chunk is one RPC of " + Sizes.format(value)
                    + ", so the transfer will be slow");
            spec.commandLine().getErr().flush();
        }
    }

    private void positive(String name, Integer value) {
        if (value != null && value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " must be at least 1, not " + value);
        }
    }

    /** The node's settings that the options override; the rest come from application.conf. */
    Config nodeConfig() {
        return tuning.config(debug.debug);
    }

    /** The per-request options; {@code stable} and {@code create} are the write commands' to set. */
    IoOptions ioOptions() {
        IoOptions o = IoOptions.DEFAULT;
        if (rsize() != null) {
            o = o.withRsize(rsize());
        }
        if (wsize() != null) {
            o = o.withWsize(wsize());
        }
        if (tuning.window != null) {
            o = o.withWindow(tuning.window);
        }
        return o.withCredentials(credentials.uid(), credentials.gid());
    }

    /**
     * The NFS client settings when no node runs the calls (a write of nothing): one connection
     * unless {@code --connections} asks for more.
     */
    ClientPool.Settings clientSettings() {
        return tuning.rpc.clientSettings(tuning.connections != null ? tuning.connections : 1);
    }

    /** The window a request will use, for sizing the reorder buffer. */
    int effectiveWindow(Config nodeConfig) {
        return tuning.window != null ? tuning.window : nodeConfig.getInt("nfs-direct.window");
    }

    /**
     * How long a reorder buffer may wait for a missing chunk before it gives up: longer than any
     * chunk can legitimately take (every attempt timing out through all its resends).
     */
    Duration stallTimeout(Config nodeConfig) {
        RpcOptions rpc = tuning.rpc;
        Duration timeo = rpc.timeout != null ? rpc.timeout : nodeConfig.getDuration("nfs-direct.client.timeout");
        int resends = rpc.retrans != null ? rpc.retrans : nodeConfig.getInt("nfs-direct.client.retrans");
        int attempts = nodeConfig.getInt("nfs-direct.chunk-attempts");
        return timeo.multipliedBy((long) (resends + 1) * attempts).plusSeconds(30);
    }
}
