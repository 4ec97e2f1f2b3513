package io.nfsdirect.cli;

import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.server.NfsServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job, with nothing to set up: an embedded NFSv3 server on a temporary export, three
 * nodes of a cluster in this JVM (or one plain node), then a direct write of a random file, a
 * parallel direct read back checked by SHA-256, and a Copy-path copy checked by SHA-256 again,
 * and which node served how many chunks of each. Everything temporary is removed at the end,
 * whatever happened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded NFSv3 server on a temporary directory and a cluster of nodes in this "
                + "process (one coordinator and worker, the others workers, on 127.0.0.1), write a random file "
                + "with a direct write, read it back with a parallel direct read, copy it through the Copy path, "
                + "and verify both by SHA-256. Prints which node served how many chunks. Exit status 1 if a "
                + "check fails."})
final class DemoCommand implements Callable<Integer> {

    private static final int BLOCK = 1 << 20;

    @Spec
    CommandSpec spec;

    @Mixin
    CopyOptions common;

    @Option(names = "--size", paramLabel = "SIZE", converter = Sizes.Converter.class, defaultValue = "256m",
            description = "size of the random file (default: ${DEFAULT-VALUE})")
    long size;

    @Option(names = "--nodes-count", paramLabel = "N", defaultValue = "3",
            description = "nodes to start, 1..16; 1 is a single node without a cluster (default: ${DEFAULT-VALUE})")
    int nodeCount;

    @Override
    public Integer call() throws Exception {
        common.validate();
        if (size < 1) {
            throw CliException.usage("--size must be at least 1 byte");
        }
        if (nodeCount < 1 || nodeCount > 16) {
            throw CliException.usage("--nodes-count must be 1..16, not " + nodeCount);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path export = TemporaryExport.create("nfsdirect-demo-");
        Path local = null;
        Path localDir = null;
        try (NfsServer server = NfsServer.builder().export(export).port(0).build()) {
            server.start();
            out.println("Embedded NFSv3 server: " + server.url("") + " (temporary export " + export + ")");
            // Its own directory: the cluster's nodes read write sources only where they are told to.
            localDir = Files.createTempDirectory("nfsdirect-demo-local-");
            local = Files.createFile(localDir.resolve("demo.bin"));
            out.println("Writing " + Sizes.format(size) + " of random data to " + local + " ...");
            out.flush();
            byte[] expected = randomFile(local, size);
            String file = server.url("demo.bin");
            String copy = server.url("demo-copy.bin");
            IoOptions io = common.ioOptions().withCreate(true);
            Transfers.Outcome write;
            Transfers.Digested read;
            Transfers.Outcome copied;
            // The nodes' counters before and after each step: which node served how many chunks.
            List<Map<String, NodeStats>> served = new ArrayList<>();
            try (DemoCluster nodes = DemoCluster.start(nodeCount, common, localDir, spec.commandLine().getErr())) {
                if (nodes.clustered()) {
                    out.println("Cluster of " + nodeCount + " nodes in this process:");
                    nodes.describe().forEach(n -> out.println("  " + n));
                }
                out.flush();
                NodeSession session = nodes.session();
                Transfers transfers = new Transfers(session);
                served.add(settled(session));
                write = transfers.write(file, 0, local, size, io);
                served.add(settled(session));
                read = transfers.sha256("read", file, 0, size);
                served.add(settled(session));
                copied = transfers.copy(file, copy, size, io);
                served.add(settled(session));
            }
            // The copy is checked on the server's disk: what the Copy path actually stored.
            byte[] copyHash = sha256(server.exportDirectory().resolve("demo-copy.bin"));
            boolean readOk = read.outcome().bytes() == size && Arrays.equals(expected, read.sha256());
            boolean copyOk = copied.bytes() == size && Arrays.equals(expected, copyHash);

            out.println();
            out.printf(Locale.ROOT, "%-26s %8s %14s %10s  %s%n", "operation", "chunks", "bytes", "MB/s", "verification");
            row(out, "write (direct)", write, "-");
            row(out, "read (parallel, direct)", read.outcome(), readOk ? "OK" : "FAILED");
            row(out, "copy (Copy path)", copied, copyOk ? "OK" : "FAILED");
            out.println();
            out.print(ServedTable.format("Chunks served per node", List.of("write", "read", "copy"), served));
            out.println();
            out.println("SHA-256 of the random file: " + HexFormat.of().formatHex(expected));
            out.flush();
            if (!readOk || !copyOk) {
                throw CliException.io("demo: verification FAILED: "
                        + (readOk ? "" : "the read-back SHA-256 is " + HexFormat.of().formatHex(read.sha256()) + "; ")
                        + (copyOk ? "" : "the copy's SHA-256 is " + HexFormat.of().formatHex(copyHash) + "; ")
                        + "expected " + HexFormat.of().formatHex(expected), null);
            }
            return Errors.OK;
        } finally {
            if (localDir != null) {
                deleteTree(localDir);
            }
            deleteTree(export);
        }
    }

    private static Map<String, NodeStats> settled(NodeSession session) {
        return ServedTable.byNode(ServedTable.settle(session::nodeStats));
    }

    private static void row(PrintWriter out, String operation, Transfers.Outcome o, String verification) {
        out.printf(Locale.ROOT, "%-26s %8d %14d %10.1f  %s%n", operation, o.chunks(), o.bytes(),
                o.megabytesPerSecond(), verification);
    }

    /** Fills {@code path} with {@code size} random bytes and returns their SHA-256. */
    private static byte[] randomFile(Path path, long size) throws IOException {
        MessageDigest digest = newDigest();
        byte[] block = new byte[BLOCK];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(BLOCK, size - done);
                random.nextBytes(block);
                digest.update(block, 0, n);
                ByteBuffer buf = ByteBuffer.wrap(block, 0, n);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                done += n;
            }
        }
        return digest.digest();
    }

    private static byte[] sha256(Path path) throws IOException {
        MessageDigest digest = newDigest();
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (channel.read(buf) >= 0) {
                buf.flip();
                digest.update(buf);
                buf.clear();
            }
        }
        return digest.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Removes a temporary directory and what it holds, as far as it can. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: the directory is in the temporary area anyway.
        }
    }
}
