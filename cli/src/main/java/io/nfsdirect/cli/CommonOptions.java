package io.nfsdirect.cli;

import com.typesafe.config.Config;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.Nfs3ClientConfig;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every I/O command shares: transfer tuning and credentials (per request, in
 * {@link IoOptions}), the node's NFS client settings (in its Pekko config, like mount options),
 * and what the command prints.
 */
public final class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--rsize", paramLabel = "SIZE", converter = Sizes.IntConverter.class,
            description = "READ size per chunk, e.g. 1m (default: the server's preferred size up to 1m, at most its rtmax)")
    Integer rsize;

    @Option(names = "--wsize", paramLabel = "SIZE", converter = Sizes.IntConverter.class,
            description = "WRITE size per chunk (default: the server's preferred size up to 1m, at most its wtmax)")
    Integer wsize;

    /** The node's settings: window, connections, timeout, resends. */
    @Mixin
    NodeTuning tuning = new NodeTuning();

    @Option(names = "--uid", paramLabel = "UID", description = "AUTH_SYS uid (default: this process's)")
    Integer uid;

    @Option(names = "--gid", paramLabel = "GID", description = "AUTH_SYS gid (default: this process's)")
    Integer gid;

    @Option(names = "--stats", description = "print on stderr afterwards what each request cost (chunks, RPCs, "
            + "retransmits, re-dispatches) and the node's NFS counters; with --join, the chunks and bytes each "
            + "worker node served")
    boolean stats;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary line")
    boolean quiet;

    boolean debug;

    @Option(names = "--debug", description = "log at DEBUG on stderr, and print stack traces with errors")
    void setDebug(boolean value) {
        debug = value;
        Logging.configure(value);
    }

    /** Rejects values picocli's types let through; a bad one is a usage error (exit 2). */
    void validate() {
        positive("--rsize", rsize);
        positive("--wsize", wsize);
        tuning.validate();
        if (uid != null && uid < 0) {
            throw usage("--uid must be 0 or more, not " + uid);
        }
        if (gid != null && gid < 0) {
            throw usage("--gid must be 0 or more, not " + gid);
        }
    }

    private void positive(String name, Integer value) {
        if (value != null && value < 1) {
            throw usage(name + " must be at least 1, not " + value);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The node's settings that the options override; the rest come from application.conf. */
    Config nodeConfig() {
        return tuning.config(debug);
    }

    /** The per-request options; {@code stable} and {@code create} are the write commands' to set. */
    IoOptions ioOptions() {
        IoOptions o = IoOptions.DEFAULT;
        if (rsize != null) {
            o = o.withRsize(rsize);
        }
        if (wsize != null) {
            o = o.withWsize(wsize);
        }
        if (tuning.window != null) {
            o = o.withWindow(tuning.window);
        }
        return o.withCredentials(uid == null ? -1 : uid, gid == null ? -1 : gid);
    }

    /**
     * The NFS client settings of a command that starts no node (stat, ls): one connection unless
     * {@code --connections} asks for more, and the client's own timeout and resends unless given.
     */
    ClientPool.Settings clientSettings() {
        Nfs3ClientConfig defaults = Nfs3ClientConfig.builder("localhost").build();
        return new ClientPool.Settings(tuning.connections != null ? tuning.connections : 1,
                tuning.timeout != null ? tuning.timeout : defaults.timeout(),
                tuning.retrans != null ? tuning.retrans : defaults.retrans());
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
        Duration timeo = tuning.timeout != null ? tuning.timeout : nodeConfig.getDuration("nfs-direct.client.timeout");
        int resends = tuning.retrans != null ? tuning.retrans : nodeConfig.getInt("nfs-direct.client.retrans");
        int attempts = nodeConfig.getInt("nfs-direct.chunk-attempts");
        return timeo.multipliedBy((long) (resends + 1) * attempts).plusSeconds(30);
    }
}
