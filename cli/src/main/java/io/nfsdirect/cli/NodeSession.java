package io.nfsdirect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.coordinator.NfsDirectNode;
import io.nfsdirect.protocol.api.NodeStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One command's nfs-direct node: a coordinator and worker in this JVM, started with the
 * command's settings and closed when the command ends, which stops every request and NFS
 * client with it. {@code --stats} prints the node's counters just before it closes.
 */
final class NodeSession implements AutoCloseable {

    /**
     * The ask behind each request only guards against a coordinator that never answers; a
     * request itself may rightly run for hours, so the guard is far away.
     */
    private static final Duration ASK_TIMEOUT = Duration.ofDays(7);

    private final CommonOptions options;
    private final Config config;
    private final NfsDirectNode node;
    private final DirectIoClient client;
    private final PrintWriter err;

    private NodeSession(CommonOptions options, Config config, NfsDirectNode node, PrintWriter err) {
        this.options = options;
        this.config = config;
        this.node = node;
        this.client = node.client(ASK_TIMEOUT);
        this.err = err;
    }

    static NodeSession start(CommonOptions options, PrintWriter err) {
        Config config = options.nodeConfig().withFallback(ConfigFactory.load()).resolve();
        return new NodeSession(options, config, NfsDirectNode.startLocal("nfsdirect", config), err);
    }

    DirectIoClient client() {
        return client;
    }

    NfsDirectNode node() {
        return node;
    }

    Config config() {
        return config;
    }

    CommonOptions options() {
        return options;
    }

    NodeStats stats() {
        return client.stats().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        try {
            if (options.stats) {
                err.print(StatsFormat.format(stats()));
                err.flush();
            }
        } catch (RuntimeException e) {
            err.println(Errors.PREFIX + "cannot read the node's counters: " + Errors.message(e));
        } finally {
            node.close();
        }
    }
}
