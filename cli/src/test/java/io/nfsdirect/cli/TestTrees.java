package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tree the tree commands are tested on, and the comparison of a copy with it. It holds what a
 * real dataset holds and a copy gets wrong: nested and empty directories, files of 0 and 1 byte
 * and of sizes across many chunks, names with spaces, UTF-8, a backslash and a newline, symlinks
 * pointing inside and out of the tree, a hard link, a FIFO, modes other than the umask's and mtimes
 * in the past.
 */
final class TestTrees {

    /** Entries of the tree that are not copied, each reported as skipped. */
    static final Set<String> NOT_COPIED = Set.of("fifo", "deep/hard-link");

    private TestTrees() {
    }

    /** Makes the tree at {@code root} (which must not exist); returns its regular files, by path. */
    static List<String> build(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> files = new ArrayList<>();
        Files.createDirectories(root.resolve("deep/er/and/deeper"));
        Files.createDirectories(root.resolve("empty dir"));
        Files.createDirectories(root.resolve("données/ünïcode"));
        file(root, "zero", 0, random, files);
        file(root, "one", 1, random, files);
        file(root, "deep/odd.bin", 777_777, random, files);
        file(root, "deep/er/across-chunks.bin", 1_048_576 * 3 + 12_345, random, files);
        file(root, "deep/er/and/deeper/small.txt", 42, random, files);
        file(root, "with space.txt", 100, random, files);
        file(root, "données/ünïcode/fïlé.txt", 5_000, random, files);
        file(root, "back\\slash", 3, random, files);
        file(root, "new\nline", 4, random, files);
        for (int i = 0; i < 40; i++) {
            file(root, "deep/many-" + i, random.nextInt(70_000), random, files);
        }
        Files.setPosixFilePermissions(root.resolve("deep/odd.bin"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(root.resolve("one"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("deep/er"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(root.resolve("link-in"), Path.of("deep/er/and/deeper/small.txt"));
        Files.createSymbolicLink(root.resolve("deep/link-out"), Path.of("../../../../etc/passwd"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("no/such/thing"));
        Files.createLink(root.resolve("deep/hard-link"), root.resolve("deep/odd.bin"));
        files.add("deep/hard-link");
        run("mkfifo", root.resolve("fifo").toString());
        // Oldest last: writing into a directory changes its mtime.
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> paths = all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            long t = 1_600_000_000L;
            for (Path p : paths) {
                t += 3607;
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(t, 123_000_000)));
                } else {
                    // The JDK opens a file to set its times: a FIFO would block, a link would be followed.
                    run("touch", "-h", "-m", "-d", "@" + t + ".123", p.toString());
                }
            }
        }
        return files;
    }

    private static void file(Path root, String path, int size, Random random, List<String> files) throws IOException {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(root.resolve(path), bytes);
        files.add(path);
    }

    /**
     * Asserts {@code copy} equals {@code source} by type, content, link text, mode and mtime (to
     * the second: a local file system keeps nanoseconds, and NFSv3 carries them, but a server may
     * round), leaving out {@code except}. Also runs {@code diff -r}, the user's own check.
     */
    static void assertSameTree(Path source, Path copy, Set<String> except) throws Exception {
        assertSameTree(source, copy, except, true);
    }

    /** As {@link #assertSameTree(Path, Path, Set)}; without {@code linkTimes}, a symlink's mtime is not compared. */
    static void assertSameTree(Path source, Path copy, Set<String> except, boolean linkTimes) throws Exception {
        TreeMap<String, PosixFileAttributes> want = entries(source, except);
        TreeMap<String, PosixFileAttributes> got = entries(copy, Set.of());
        assertEquals(want.keySet(), got.keySet(), "the entries of the copy");
        for (String path : want.keySet()) {
            PosixFileAttributes w = want.get(path);
            PosixFileAttributes g = got.get(path);
            Path s = path.isEmpty() ? source : source.resolve(path);
            Path c = path.isEmpty() ? copy : copy.resolve(path);
            assertEquals(kind(w), kind(g), path);
            if (w.isSymbolicLink()) {
                assertEquals(Files.readSymbolicLink(s), Files.readSymbolicLink(c), path);
            } else {
                assertEquals(PosixFilePermissions.toString(w.permissions()),
                        PosixFilePermissions.toString(g.permissions()), "mode of " + path);
            }
            if (w.isRegularFile()) {
                assertArrayEquals(Files.readAllBytes(s), Files.readAllBytes(c), path);
            }
            if (linkTimes || !w.isSymbolicLink()) {
                assertEquals(w.lastModifiedTime().toInstant().getEpochSecond(),
                        g.lastModifiedTime().toInstant().getEpochSecond(), "mtime of " + path);
            }
        }
        List<String> diff = new ArrayList<>(List.of("diff", "-r", "--no-dereference"));
        except.forEach(e -> diff.add("--exclude=" + Path.of(e).getFileName()));
        diff.add(source.toString());
        diff.add(copy.toString());
        Process p = new ProcessBuilder(diff).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "diff -r:\n" + out);
    }

    private static TreeMap<String, PosixFileAttributes> entries(Path root, Set<String> except) throws IOException {
        TreeMap<String, PosixFileAttributes> map = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String rel = root.relativize(p).toString();
                if (!except.contains(rel)) {
                    map.put(rel, Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
                }
            }
        }
        return map;
    }

    private static String kind(PosixFileAttributes a) {
        return a.isSymbolicLink() ? "link" : a.isDirectory() ? "directory" : a.isRegularFile() ? "file" : "other";
    }

    /** Every path below {@code root} whose name ends in {@code suffix}. */
    static List<Path> named(Path root, String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor() == 0, String.join(" ", command) + ": " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
