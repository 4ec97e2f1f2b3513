package io.nfsdirect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.cluster.ClusterKeys;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.ClusterTransport;
import io.nfsdirect.coordinator.cluster.NodeSettings;
import io.nfsdirect.server.NfsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The training run behind the launcher's class-data archive (bin/nfsdirect): the everyday
 * commands, each run as a user runs it, against an embedded server on a temporary export, all
 * in this one JVM, so the archive holds the classes of a real command's whole life (picocli,
 * the node's start, MOUNT, LOOKUP, the transfers, the shutdown), and then the same through a
 * cluster on loopback. Hidden: it is a build step.
 */
@Command(name = "train", hidden = true, description = "Exercise the commands once, for a class-data archive.")
final class TrainCommand implements Callable<Integer> {

    private static final Duration CLUSTER_UP = Duration.ofSeconds(30);

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("nfsdirect-train-");
        Path export = TemporaryExport.prepare(Files.createDirectories(dir.resolve("export")));
        try (NfsServer server = NfsServer.builder().export(export).port(0).build().start()) {
            Path local = Files.createDirectories(dir.resolve("local"));
            Path source = local.resolve("source.bin");
            byte[] data = new byte[3 * 1024 * 1024 + 17];
            new java.util.Random(1).nextBytes(data);
            Files.write(source, data);
            String url = server.url("train.bin");
            List<String[]> commands = List.of(
                    new String[] {"write", url, "-i", source.toString(), "--wsize", "1m", "-q"},
                    new String[] {"read", url, "-o", local.resolve("out.bin").toString(), "-q"},
                    new String[] {"read", url, "-o", "/dev/null", "--stats"},
                    new String[] {"sum", url},
                    new String[] {"stat", url},
                    new String[] {"ls", server.url("")},
                    new String[] {"cp", url, local.resolve("copy.bin").toString(), "-q"},
                    new String[] {"--help"},
                    new String[] {"read", "--help"});
            for (String[] args : commands) {
                run(args);
            }
            trainCluster(dir, url, local);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Errors.OK;
    }

    /**
     * A cluster on loopback: a node with both roles in this JVM, and client commands that join it
     * over TLS, as {@code --join} does. Their classes (Artery, TLS, the cluster, the Receptionist,
     * the serializers: over half of a client command's) are most of what such a command spends
     * its start-up loading. Best effort: the archive of the local commands is kept without them.
     */
    private static void trainCluster(Path dir, String url, Path local) {
        try {
            Path keys = ClusterKeys.generate(dir.resolve("keys"));
            Config tls = ConfigFactory.parseMap(Map.of(ClusterTransport.TLS_DIR, keys.toString()));
            ClusterNode node = ClusterNode.start(NodeSettings.parse(NodeSettings.COORDINATOR + ","
                    + NodeSettings.WORKER, "127.0.0.1", 0, null), tls);
            try {
                node.awaitUp(1, CLUSTER_UP).toCompletableFuture().get(CLUSTER_UP.toSeconds() + 5, TimeUnit.SECONDS);
                node.awaitWorkers(1, CLUSTER_UP).toCompletableFuture().get(CLUSTER_UP.toSeconds() + 5,
                        TimeUnit.SECONDS);
                String seed = "127.0.0.1:" + node.system().address().getPort().orElseThrow();
                run("sum", url, "--chunks", "--join", seed, "--tls", keys.toString(), "--stats");
                run("read", url, "-o", local.resolve("joined.bin").toString(), "--join", seed, "--tls",
                        keys.toString(), "-q");
            } finally {
                node.close();
            }
        } catch (Exception e) {
            System.err.println("nfsdirect train: the cluster part failed, the archive goes without it: " + e);
        }
    }

    /** One command in this JVM; its output is dropped, its failure fails the training. */
    private static void run(String... args) {
        StringWriter sink = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(sink));
        cl.setErr(new PrintWriter(sink));
        int status = cl.execute(args);
        if (status != Errors.OK) {
            throw new IllegalStateException("training run of " + String.join(" ", args) + " failed (" + status
                    + "): " + sink);
        }
    }
}
