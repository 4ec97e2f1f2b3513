package io.nfsdirect.cli;

import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.Nfs3ClientConfig;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How long one NFS call waits for its reply and how often it is resent, like timeo and retrans. */
final class RpcOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "TIME", converter = Durations.Converter.class,
            description = "how long one RPC waits for its reply before it is resent, like timeo (default: 10s)")
    Duration timeout;

    @Option(names = "--retrans", paramLabel = "N",
            description = "resends of an RPC before it fails with ETIMEDOUT (default: 3)")
    Integer retrans;

    /** Rejects values picocli's types let through; a bad one is a usage error (exit 2). */
    void validate() {
        if (timeout != null && timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than 0");
        }
        if (retrans != null && retrans < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--retrans must be 0 or more, not " + retrans);
        }
    }

    /** Adds the node settings these options override. */
    void addTo(Map<String, Object> settings) {
        if (timeout != null) {
            settings.put("nfs-direct.client.timeout", timeout.toMillis() + "ms");
        }
        if (retrans != null) {
            settings.put("nfs-direct.client.retrans", retrans);
        }
    }

    /** The settings of NFS clients that no node owns: the given ones, else the client's own timeout and resends. */
    ClientPool.Settings clientSettings(int connections) {
        Nfs3ClientConfig defaults = Nfs3ClientConfig.builder("localhost").build();
        return new ClientPool.Settings(connections, timeout != null ? timeout : defaults.timeout(),
                retrans != null ? retrans : defaults.retrans());
    }
}
