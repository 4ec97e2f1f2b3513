package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.GaneshaServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree copy killed with kill -9, twice, at random points of its progress (the seed is printed),
 * then resumed, from the embedded server and from NFS-Ganesha: the copy ends
 * equal to the source, nothing under its own name was ever incomplete, and the journal shows every
 * file finished once: what a killed run had finished was not copied again (its inode is the same).
 * The big files go in pieces of 8 MiB: every piece is journaled once, and the resumed run sends
 * no piece a killed run had finished.
 */
class TreeResumeIT {

    @TempDir
    static Path export;
    @TempDir
    Path work;
    private static NfsServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aTreeCopyKilledTwiceAndResumedEndsEqualAndCopiesNothingTwice() throws Exception {
        killTwiceAndResume(export.resolve("tree"), server.url("tree"));
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aTreeCopyFromGaneshaKilledTwiceAndResumedEndsEqualAndCopiesNothingTwice() throws Exception {
        GaneshaServer ganesha = GaneshaServer.shared();
        String dir = ganesha.newDirectory("resume");
        killTwiceAndResume(ganesha.local(dir + "/tree"), ganesha.url(dir + "/tree"));
    }

    private void killTwiceAndResume(Path source, String url) throws Exception {
        TestTrees.build(source, 41);
        for (int i = 0; i < 6; i++) {
            PatternFiles.write(source.resolve("deep/big-" + i + ".bin"), 48L << 20, 50 + i);
        }
        long total = bytes(source);
        Path copy = work.resolve("copy");
        Path job = work.resolve("job");
        Map<String, Object> inodes = new HashMap<>();
        int killed = 0;
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        double first = 0.1 + 0.3 * random.nextDouble();
        double second = first + 0.15 + 0.25 * random.nextDouble();
        System.out.printf("TreeResumeIT: seed %d, killed at %.2f and %.2f of the bytes%n", seed, first, second);
        for (double at : new double[] {first, second}) {
            boolean last = killed == 1;
            List<String> args = new java.util.ArrayList<>(List.of("cp", "-r", url, copy.toString(),
                    "--job", job.toString(), "--rsize", "64k", "--files", "2", "--checkpoint", "8m", "--quiet"));
            if (killed > 0) {
                args.add("--resume");
            }
            Process cp = Cli.start(args.toArray(String[]::new));
            Cli.drain(cp.getInputStream());
            Cli.drain(cp.getErrorStream());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // The last kill waits, past its point, for a big file that is between its pieces: the
            // resume must be seen to keep a partly copied file's finished pieces.
            while ((bytes(copy) < total * at || last && unfinishedPieces(job).isEmpty()) && cp.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(cp.isAlive(), "the copy ended before " + at + " of it"
                    + (last ? " with a big file between its pieces" : "") + ": make the tree bigger");
            cp.destroyForcibly(); // SIGKILL
            cp.waitFor();
            killed++;
            for (String path : journaled(job)) {
                inodes.putIfAbsent(path, Files.getAttribute(copy.resolve(path), "unix:ino", LinkOption.NOFOLLOW_LINKS));
            }
        }
        assertTrue(!inodes.isEmpty(), "nothing was finished before the kills");
        long finishedBytes = 0;
        for (String path : journaled(job)) {
            finishedBytes += Files.size(source.resolve(path));
        }
        List<String> unfinished = unfinishedPieces(job);
        assertTrue(!unfinished.isEmpty(), "no big file was killed between its pieces");

        Cli.Result r = Cli.ok(Cli.run("cp", "-r", url, copy.toString(), "--job", job.toString(),
                "--resume", "--rsize", "64k", "--checkpoint", "8m"));
        assertTrue(r.stderr().contains("already copied"), r.stderr());
        String hardLink = r.stderr().contains("skipped deep/odd.bin: a hard link") ? "deep/odd.bin" : "deep/hard-link";
        TestTrees.assertSameTree(source, copy, Set.of("fifo", hardLink));
        assertEquals(List.of(), TestTrees.named(copy, ".part"));

        List<String> done = journaled(job);
        assertEquals(Set.copyOf(done).size(), done.size(), "a file journaled twice: copied twice");
        assertEquals(55, done.size(), "every file once");
        List<String> pieces = pieces(job);
        assertEquals(Set.copyOf(pieces).size(), pieces.size(), "a piece journaled twice: sent twice");
        assertEquals(6 * 6, pieces.size(), "six pieces of each big file");
        // What the resumed run sent: the whole tree less the files and the pieces finished before.
        long sent = Long.parseLong(r.stderr().replaceAll("(?s).*cp -r: \\d+ files?(?: \\([^)]*\\))?, (\\d+) bytes.*", "$1"));
        assertTrue(sent <= total - finishedBytes - unfinished.size() * (8L << 20), "sent " + sent + " of " + total
                + ", with " + finishedBytes + " bytes of files and " + unfinished.size() + " pieces finished before");
        for (Map.Entry<String, Object> e : inodes.entrySet()) {
            assertEquals(e.getValue(), Files.getAttribute(copy.resolve(e.getKey()), "unix:ino",
                    LinkOption.NOFOLLOW_LINKS), e.getKey() + " was copied again after the kill");
        }
    }

    /** The pieces the journal has, {@code OFFSET PATH}, in order. */
    private static List<String> pieces(Path job) throws Exception {
        return lines(job).stream().filter(l -> l.startsWith("piece "))
                .map(l -> l.split(" ", 6)).filter(f -> f.length == 6).map(f -> f[3] + " " + f[5]).toList();
    }

    /** The journaled pieces of files the journal does not have as finished. */
    private static List<String> unfinishedPieces(Path job) throws Exception {
        List<String> finished = journaled(job);
        return pieces(job).stream().filter(p -> !finished.contains(p.split(" ", 2)[1])).toList();
    }

    /** The paths the journal has as finished, in order. */
    private static List<String> journaled(Path job) throws Exception {
        return lines(job).stream().filter(l -> l.startsWith("done "))
                .map(l -> l.split(" ", 4)).filter(f -> f.length == 4)
                .map(f -> f[3].replace("\\n", "\n").replace("\\\\", "\\")).toList();
    }

    /** The journal's whole lines: a line a running copy is still writing is left out. */
    private static List<String> lines(Path job) throws Exception {
        Path journal = job.resolve("journal");
        if (!Files.exists(journal)) {
            return List.of();
        }
        String text = new String(Files.readAllBytes(journal), StandardCharsets.UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    private static long bytes(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (Exception e) {
                    return 0;
                }
            }).sum();
        } catch (Exception e) {
            return 0;
        }
    }
}
