package io.nfsdirect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The tree section's memory check: is memory flat in the number of files? Two trees of empty
 * files on Ganesha, one ten times the other (200,000 and 20,000 files in a full run), are each
 * summed ({@code sum -r}, whose manifest is kept to be sorted) and copied into a local directory
 * ({@code cp -r}, with its journal) by whole processes under {@code -Xmx256m}. Each run must
 * finish, with a manifest of every file or a copy of every file, and the peak RSS of the two
 * sizes is compared. Empty files leave only what grows with their number: the listing.
 */
final class ListingMemory {

    static final String HEAP = "-Xmx256m";
    private static final int PER_DIRECTORY = 1000;
    private static final long TIMEOUT = 1800;

    private ListingMemory() {
    }

    /** The two sizes: the 200,000 files and a tenth of them; a quick run's are smaller. */
    static int[] sizes(Plan plan) {
        int large = plan.quick() ? 2_000 : 200_000;
        return new int[] {large / 10, large};
    }

    static void run(Setup setup, Plan plan, Findings f, Function<String[], List<String>> cli, Map<String, String> cliEnv)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(cliEnv);
        String inherited = System.getenv(Phases.OPTS_ENV);
        env.put(Phases.OPTS_ENV, inherited == null || inherited.isBlank() ? HEAP : inherited.strip() + " " + HEAP);
        Path work = Files.createDirectories(setup.ganesha.exportDir().resolve("listing-work"));
        List<Contender> runs = new ArrayList<>();
        for (int files : sizes(plan)) {
            String rel = "listing-" + files;
            build(setup.ganesha.exportDir().resolve(rel), files);
            Path manifest = work.resolve(rel + ".sha256");
            runs.add(new ChildContender("sum-r-" + files, String.format(java.util.Locale.ROOT,
                    "`sum -r` of %,d empty files, %s", files, HEAP),
                    rep -> List.of("sh", "-c", Timed.shellLine(cli.apply(new String[] {"sum", "-r",
                            setup.ganeshaUrl(rel), "--quiet"})) + " > " + manifest),
                    0, setup.ganeshaMeter, TIMEOUT, rep -> expect(files, lines(manifest), "manifest lines"))
                    .withEnv(env));
            Path copy = setup.ganesha.local("listing-work/" + rel + "-copy");
            runs.add(new ChildContender("cp-r-" + files, String.format(java.util.Locale.ROOT,
                    "`cp -r` of %,d empty files to a local directory, %s", files, HEAP),
                    rep -> cli.apply(new String[] {"cp", "-r", setup.ganeshaUrl(rel), copy.toString(), "--quiet",
                            "--job", work.resolve(rel + "-job-" + rep).toString()}),
                    0, setup.ganeshaMeter, TIMEOUT, rep -> {
                        expect(files, regularFiles(copy), "files copied");
                        delete(copy);
                    }).withEnv(env));
        }
        f.listingFiles = sizes(plan);
        f.treeListing.putAll(RoundRobin.run("listing memory", runs, 1));
        delete(work);
        for (int files : sizes(plan)) {
            delete(setup.ganesha.exportDir().resolve("listing-" + files));
        }
    }

    /** {@code files} empty files, {@value #PER_DIRECTORY} to a directory. */
    private static void build(Path root, int files) throws IOException {
        for (int i = 0; i < files; i++) {
            Path dir = root.resolve(String.format("d%04d", i / PER_DIRECTORY));
            if (i % PER_DIRECTORY == 0) {
                Files.createDirectories(dir);
            }
            Files.createFile(dir.resolve(String.format("f%06d", i)));
        }
    }

    private static void expect(long want, long got, String what) {
        if (want != got) {
            throw new IllegalStateException(what + ": " + got + ", not " + want);
        }
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        }
    }

    private static long regularFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static void delete(Path root) throws IOException {
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
