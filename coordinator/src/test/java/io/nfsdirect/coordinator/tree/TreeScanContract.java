package io.nfsdirect.coordinator.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.Nfs3ClientConfig;
import io.nfsdirect.worker.NfsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tree scan against a real server: what it finds is exactly what the export's directory holds
 * (compared with a local walk of it), named by path relative to the root, with every page of a
 * large directory, names with spaces and UTF-8, symlinks as links, and the filter applied.
 */
public abstract class TreeScanContract {

    /** One actor system per test, so that each server's test class has its own. */
    private final ActorTestKit kit = ActorTestKit.create();

    /** The URL of {@code rel} under the export. */
    protected abstract String url(String rel);

    /** The same path on the server's local file system. */
    protected abstract Path local(String rel);

    /** A fresh directory under the export, by its path relative to the export. */
    protected abstract String newDirectory(String prefix) throws IOException;

    @AfterEach
    void stopKit() {
        kit.shutdownTestKit();
    }

    /** A tree with a directory of 1500 entries (several READDIRPLUS pages), nested and odd names. */
    private String tree() throws IOException {
        String rel = newDirectory("scan");
        Path root = local(rel);
        Path big = Files.createDirectories(root.resolve("big"));
        for (int i = 0; i < 1500; i++) {
            Files.writeString(big.resolve("file-" + i + ".dat"), "x".repeat(i % 7));
        }
        Path deep = Files.createDirectories(root.resolve("a/b c/d\u00e9j\u00e0 vu"));
        Files.writeString(deep.resolve("r\u00e9sum\u00e9 final.txt"), "cv", StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("empty"));
        Files.write(root.resolve("zero"), new byte[0]);
        Files.createSymbolicLink(root.resolve("a/inside"), Path.of("b c"));
        Files.createSymbolicLink(root.resolve("a/outside"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("a/b c/up"), Path.of("../.."));
        Files.createDirectories(root.resolve("a/.snapshot/hourly.0"));
        Files.writeString(root.resolve("a/.snapshot/hourly.0/old"), "old");
        Files.writeString(root.resolve("a/scratch.tmp"), "tmp");
        return rel;
    }

    private record Scanned(Map<String, TreeEntry> found, Map<String, String> skipped, List<TreeScan.Failed> failed,
                           TreeScan.Done done) {
    }

    /** What a consumer of the scan collected. */
    private static final class Collected {
        final Map<String, TreeEntry> found = new TreeMap<>();
        final Map<String, String> skipped = new TreeMap<>();
        final List<TreeScan.Failed> failed = new ArrayList<>();
        final List<TreeScan.Found> unacked = new ArrayList<>();
        TreeScan.Done done;

        void take(TreeScan.Event e) {
            if (e instanceof TreeScan.Found f) {
                for (TreeEntry entry : f.entries()) {
                    assertNull(found.put(entry.path(), entry), "found once: " + entry.path());
                }
                f.skipped().forEach(x -> skipped.put(x.path(), x.reason()));
                unacked.add(f);
            } else if (e instanceof TreeScan.Failed f) {
                failed.add(f);
            } else {
                assertNull(done, "one Done");
                done = (TreeScan.Done) e;
            }
        }
    }

    private Scanned scan(String rel, TreeFilter filter, int parallel) throws Exception {
        NfsUrl url = NfsUrl.parse(url(rel));
        try (Nfs3Client client = Nfs3Client.open(Nfs3ClientConfig.from(url))) {
            NfsFile root = client.resolve(url).toCompletableFuture().get(30, TimeUnit.SECONDS);
            TestProbe<TreeScan.Event> consumer = kit.createTestProbe();
            ActorRef<TreeScan.Command> scan = kit.spawn(TreeScan.create(client, root, "scan " + url,
                    filter, parallel, consumer.getRef()));
            Collected c = new Collected();
            while (c.done == null) {
                c.take(consumer.receiveMessage(Duration.ofSeconds(30)));
                if (c.unacked.size() == TreeScan.MAX_UNACKED) {
                    // A consumer that falls behind holds the scan back: only the pages it had
                    // asked for already may still come, then nothing until it acks.
                    for (TreeScan.Event late = poll(consumer); late != null; late = poll(consumer)) {
                        c.take(late);
                    }
                    assertTrue(c.unacked.size() <= TreeScan.MAX_UNACKED + parallel, c.unacked.size() + " unacked");
                    c.unacked.forEach(f -> f.ackTo().tell(new TreeScan.Ack()));
                    c.unacked.clear();
                }
            }
            kit.createTestProbe().expectTerminated(scan, Duration.ofSeconds(5));
            return new Scanned(c.found, c.skipped, c.failed, c.done);
        }
    }

    /** The next event within 300 ms, or null. */
    private static TreeScan.Event poll(TestProbe<TreeScan.Event> probe) {
        try {
            return probe.receiveMessage(Duration.ofMillis(300));
        } catch (AssertionError timeout) {
            return null;
        }
    }

    /** Every path under {@code root}, relative to it, as a local walk sees it (links not followed). */
    private static Map<String, String> walk(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> !p.equals(root)).forEach(p -> all.put(root.relativize(p).toString(),
                    Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p) ? "dir" : "file"));
        }
        return all;
    }

    @Test
    void theScanFindsExactlyWhatTheTreeHoldsExceptWhatTheFilterLeavesOut() throws Exception {
        String rel = tree();
        Scanned s = scan(rel, TreeFilter.of(List.of("*.tmp"), List.of(), true), 3);
        Map<String, String> expected = walk(local(rel));
        expected.keySet().removeIf(p -> p.startsWith("a/.snapshot/") || p.equals("a/scratch.tmp"));
        expected.remove("a/.snapshot");
        Map<String, String> seen = new TreeMap<>();
        s.found().forEach((path, e) -> seen.put(path, e.isSymlink() ? "link" : e.isDirectory() ? "dir" : "file"));
        Map<String, String> missing = new TreeMap<>(expected);
        missing.entrySet().removeAll(seen.entrySet());
        Map<String, String> extra = new TreeMap<>(seen);
        extra.entrySet().removeAll(expected.entrySet());
        assertEquals(Map.of(), missing, "not found as the local walk sees them");
        assertEquals(Map.of(), extra, "found, but not in the tree as the local walk sees it");
        assertEquals(Map.of("a/.snapshot", "a snapshot directory", "a/scratch.tmp", "excluded by --exclude *.tmp"),
                s.skipped());
        assertEquals(List.of(), s.failed());
        assertEquals(expected.size(), s.done().entries());
        assertEquals(2, s.done().skipped());
        assertEquals(6, s.done().directories(), "the root, a, a/b c, a/b c/d\u00e9j\u00e0 vu, big and empty: "
                + s.done());
        assertEquals(2, s.found().get("a/b c/d\u00e9j\u00e0 vu/r\u00e9sum\u00e9 final.txt").attributes().size,
                "the attributes came with the entry");
        assertTrue(s.found().get("a/outside").isSymlink(), "a link out of the tree is a link, not followed");
    }

    @Test
    void oneDirectoryAtATimeFindsTheSame() throws Exception {
        String rel = tree();
        assertEquals(scan(rel, TreeFilter.defaults(), 8).found().keySet(),
                scan(rel, TreeFilter.defaults(), 1).found().keySet());
    }
}
