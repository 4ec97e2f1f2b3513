package io.nfsdirect.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The tree section: one tree from a fixed seed on NFS-Ganesha, copied to the embedded server and
 * summed, by {@code bin/nfsdirect cp -r} / {@code sum -r} (whole processes) and by what a user has
 * without it: libnfs's {@code nfs-cp} file by file, in a loop and eight at a time with
 * {@code xargs -P 8}, and {@code nfs-cat | sha256sum} in a loop; a local {@code cp -r} between two
 * directories of the export's file system is the ceiling. The nfs-cp rows get their target
 * directories made locally (nfs-cp cannot make them), inside their timed command. The 1 GiB files
 * alone race {@code cp -r} of their directory against one {@code nfsdirect cp} per file.
 */
final class TreeRaces {

    /** The tree: its root on the export, its files and directories relative to it, and its bytes. */
    record Tree(String rel, List<String> files, List<String> directories, long bytes, List<String> big, long bigBytes) {
    }

    /** Sizes of the tree, by kind of file. */
    record Shape(int small, long smallMax, int medium, long mediumMax, int big, long bigSize) {
        static Shape of(Plan plan) {
            return plan.quick() ? new Shape(300, 64 * 1024, 10, 4 * Plan.MIB, 1, 64 * Plan.MIB)
                    : new Shape(20_000, 256 * 1024, 200, 16 * Plan.MIB, 4, Plan.GIB);
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "%,d files of 1 B – %s, %d of 1 MiB – %s, %d of %s",
                    small, Plan.human(smallMax), medium, Plan.human(mediumMax), big, Plan.human(bigSize));
        }
    }

    private static final long TIMEOUT = 3600;

    private TreeRaces() {
    }

    /** Makes the tree under {@code root} (a directory of the export) from seed 1. */
    static Tree build(Path export, String rel, Shape shape) throws IOException {
        Path root = export.resolve(rel);
        SplittableRandom random = new SplittableRandom(1);
        List<String> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        List<String> big = new ArrayList<>();
        long bytes = 0;
        long bigBytes = 0;
        byte[] block = new byte[1 << 20];
        random.nextBytes(block);
        for (int i = 0; i < shape.small(); i++) {
            String dir = String.format("small/%02d/%02d", i % 10, (i / 10) % 20);
            if (i < 200) {
                dirs.add(dir);
            }
            long size = 1 + random.nextLong(shape.smallMax());
            bytes += write(root, dir + "/f" + i, size, block, random, files);
        }
        dirs.add("medium");
        for (int i = 0; i < shape.medium(); i++) {
            bytes += write(root, "medium/m" + i, Plan.MIB + random.nextLong(shape.mediumMax() - Plan.MIB + 1), block,
                    random, files);
        }
        dirs.add("big");
        for (int i = 0; i < shape.big(); i++) {
            long n = write(root, "big/b" + i, shape.bigSize(), block, random, files);
            bytes += n;
            bigBytes += n;
            big.add("big/b" + i);
        }
        return new Tree(rel, files, dirs, bytes, big, bigBytes);
    }

    private static long write(Path root, String rel, long size, byte[] block, SplittableRandom random,
                              List<String> files) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(block.length, size - done);
                // A new first word per piece: no two files, and no two MiB of one, alike.
                long word = random.nextLong();
                for (int b = 0; b < 8; b++) {
                    block[b] = (byte) (word >>> (8 * b));
                }
                out.write(block, 0, n);
                done += n;
            }
        }
        files.add(rel);
        return size;
    }

    /**
     * Runs the section's races and files them in {@code f}.
     *
     * @param cli the bin/nfsdirect command line for these arguments
     */
    static void run(Setup setup, Plan plan, Findings f, Function<String[], List<String>> cli, Map<String, String> cliEnv)
            throws IOException {
        Shape shape = Shape.of(plan);
        RoundRobin.log("tree: making %s", shape.describe());
        long t0 = System.nanoTime();
        Tree tree = build(setup.ganesha.exportDir(), "tree", shape);
        RoundRobin.log("tree: %,d files, %s, made in %.0f s", tree.files().size(), Plan.human(tree.bytes()),
                (System.nanoTime() - t0) / 1e9);
        f.treeShape = shape.describe() + String.format(java.util.Locale.ROOT, ": %,d files, %.2f GiB",
                tree.files().size(), tree.bytes() / (double) Plan.GIB);
        Path work = Files.createDirectories(setup.ganesha.exportDir().resolve("tree-work"));
        Files.createDirectories(setup.ganesha.exportDir().resolve("tree-copies"));
        Meter meter = setup.ganeshaMeter;
        // One pass each: the full tree is 8 GiB and the file-by-file loop alone takes minutes.
        int reps = 1;

        List<Contender> copies = new ArrayList<>();
        copies.add(new ChildContender("cli-cp-r", "`bin/nfsdirect cp -r` Ganesha → embedded (whole process)",
                rep -> cli.apply(new String[] {"cp", "-r", setup.ganeshaUrl("tree"),
                        setup.embeddedUrl(copy("cli", rep)), "--quiet"}),
                tree.bytes(), meter, TIMEOUT, rep -> delete(setup, copy("cli", rep))).withEnv(cliEnv));
        copies.add(nfsCp(setup, tree, work, "nfs-cp-xargs8", "libnfs `nfs-cp` per file, `xargs -P 8`", 8, meter));
        if (!plan.quick()) {
            // The targets race xargs -P 8; the one-at-a-time loop is context, and the slowest row.
            copies.add(nfsCp(setup, tree, work, "nfs-cp-loop", "libnfs `nfs-cp` per file, one at a time", 1, meter));
        }
        copies.add(new ChildContender("local-cp-r", "local `cp -r` between two directories (the ceiling)",
                rep -> List.of("cp", "-r", setup.ganesha.local("tree").toString(),
                        setup.ganesha.local(copy("local", rep)).toString()),
                tree.bytes(), meter, TIMEOUT, rep -> delete(setup, copy("local", rep))));
        f.treeCopies.putAll(RoundRobin.run("tree copy", copies, reps));

        List<Contender> sums = new ArrayList<>();
        sums.add(new ChildContender("cli-sum-r", "`bin/nfsdirect sum -r` (whole process)",
                rep -> List.of("sh", "-c", Timed.shellLine(cli.apply(new String[] {"sum", "-r",
                        setup.ganeshaUrl("tree"), "--quiet"})) + " > /dev/null"),
                tree.bytes(), meter, TIMEOUT, rep -> { }).withEnv(cliEnv));
        Path urls = work.resolve("cat-urls");
        Files.write(urls, tree.files().stream().map(p -> setup.ganesha.libnfsUrl("tree/" + p)).toList(),
                StandardCharsets.UTF_8);
        sums.add(new ChildContender("nfs-cat-loop", "libnfs `nfs-cat URL \\| sha256sum` per file, one at a time",
                rep -> List.of("sh", "-c", "xargs -n 1 sh -c 'nfs-cat \"$0\" | sha256sum' < " + urls + " > /dev/null"),
                tree.bytes(), meter, TIMEOUT, rep -> { }));
        f.treeSums.putAll(RoundRobin.run("tree sum", sums, reps));

        List<Contender> big = new ArrayList<>();
        big.add(new ChildContender("cli-cp-r-big", "`bin/nfsdirect cp -r` of the big files' directory",
                rep -> cli.apply(new String[] {"cp", "-r", setup.ganeshaUrl("tree/big"),
                        setup.embeddedUrl(copy("big-r", rep)), "--quiet"}),
                tree.bigBytes(), meter, TIMEOUT, rep -> delete(setup, copy("big-r", rep))).withEnv(cliEnv));
        big.add(new ChildContender("cli-cp-each-big", "one `bin/nfsdirect cp` per big file, in turn",
                rep -> {
                    StringBuilder sh = new StringBuilder("mkdir -p " + setup.ganesha.local(copy("big-each", rep)));
                    for (String file : tree.big()) {
                        sh.append(" && ").append(Timed.shellLine(cli.apply(new String[] {"cp",
                                setup.ganeshaUrl("tree/" + file), setup.embeddedUrl(copy("big-each", rep) + "/"
                                + file.substring(4)), "--quiet"})));
                    }
                    return List.of("sh", "-c", sh.toString());
                },
                tree.bigBytes(), meter, TIMEOUT, rep -> delete(setup, copy("big-each", rep))).withEnv(cliEnv));
        f.treeBig.putAll(RoundRobin.run("tree big files", big, reps));
        delete(setup, "tree-work");
    }

    /** nfs-cp of every file, {@code parallel} at once, into directories made first. */
    private static ChildContender nfsCp(Setup setup, Tree tree, Path work, String key, String label, int parallel,
                                        Meter meter) {
        return new ChildContender(key, label, rep -> {
            String target = copy(key, rep);
            Path pairs = work.resolve(key + "-" + rep + ".pairs");
            Path dirs = work.resolve(key + "-" + rep + ".dirs");
            try {
                Files.write(pairs, tree.files().stream().map(p -> setup.ganesha.libnfsUrl("tree/" + p) + " "
                        + setup.embedded.libnfsUrl(target + "/" + p)).toList(), StandardCharsets.UTF_8);
                Files.write(dirs, tree.directories().stream().map(d -> setup.ganesha.local(target + "/" + d)
                        .toString()).toList(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return List.of("sh", "-c", "xargs mkdir -p < " + dirs + " && xargs -P " + parallel + " -n 2 nfs-cp < "
                    + pairs);
        }, tree.bytes(), meter, TIMEOUT, rep -> delete(setup, copy(key, rep)));
    }

    private static String copy(String key, int rep) {
        return "tree-copies/" + key + "-" + rep;
    }

    private static void delete(Setup setup, String rel) throws IOException {
        Path root = setup.ganesha.local(rel);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
