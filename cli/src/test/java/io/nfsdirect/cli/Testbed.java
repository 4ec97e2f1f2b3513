package io.nfsdirect.cli;

import io.nfsdirect.coordinator.cluster.ClusterKeys;
import io.nfsdirect.server.NfsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a multi-process test stands on: a temporary directory, the node processes it starts there,
 * an embedded server exporting a directory in it, and the cluster's keys. Closing it kills the
 * processes, stops the server and removes the directory with everything in it.
 */
final class Testbed implements AutoCloseable {

    final Path dir;
    final NodeProcesses processes;
    private NfsServer server;

    Testbed(String name) throws IOException {
        dir = Files.createTempDirectory("nfsdirect-" + name + "-");
        processes = new NodeProcesses(Files.createDirectory(dir.resolve("logs")));
    }

    /** Starts the embedded server on {@code export}, without root_squash: the test owns the files, as root or not. */
    NfsServer serve(Path export) throws IOException {
        server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start();
        return server;
    }

    /** A fresh key directory for the cluster, as {@code --tls} takes it. */
    String keys() throws IOException {
        return ClusterKeys.generate(dir.resolve("keys")).toString();
    }

    @Override
    public void close() throws IOException {
        try {
            processes.close();
        } finally {
            if (server != null) {
                server.close();
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
