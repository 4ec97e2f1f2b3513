package io.nfsdirect.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.GaneshaServer;

/**
 * The servers and files of one run: NFS-Ganesha exporting a fresh directory, the embedded server
 * exporting that same directory (so both serve the very same file from the same page cache), the
 * random read file and a 1-byte file inside it, and the random upload source outside it.
 */
public final class Setup implements AutoCloseable {

    static final String READ_FILE = "read.bin";
    /** The 1-byte file of the start-up race: a whole-process read that is all start-up. */
    static final String TINY_FILE = "one-byte.bin";

    final Path workDir;
    final GaneshaServer ganesha;
    final NfsServer embedded;
    final Path readFile;
    final Path writeSource;
    final String uploadDir;
    final Meter ganeshaMeter;
    final Meter embeddedMeter = new Meter(OptionalLong.empty());

    private Setup(Path workDir, GaneshaServer ganesha, NfsServer embedded, Path readFile, Path writeSource,
                  String uploadDir) {
        this.workDir = workDir;
        this.ganesha = ganesha;
        this.embedded = embedded;
        this.readFile = readFile;
        this.writeSource = writeSource;
        this.uploadDir = uploadDir;
        this.ganeshaMeter = new Meter(ganesha.pid().map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    public static Setup start(Plan plan) throws IOException {
        Path workDir = Files.createTempDirectory("nfsdirect-bench-");
        GaneshaServer ganesha = null;
        NfsServer embedded = null;
        try {
            ganesha = GaneshaServer.start(workDir);
            RoundRobin.log("NFS-Ganesha up: %s", ganesha);
            // Root squash off: the tree section copies into it as root, as the nfs-cp peers do.
            embedded = NfsServer.builder().export(ganesha.exportDir()).rootSquash(false).port(0).build().start();
            RoundRobin.log("embedded server up: %s", embedded.url(""));
            Path readFile = ganesha.local(READ_FILE);
            Path writeSource = workDir.resolve("upload-source.bin");
            long t0 = System.nanoTime();
            fillRandom(readFile, plan.readBytes(), 1);
            fillRandom(writeSource, plan.writeBytes(), 2);
            fillRandom(ganesha.local(TINY_FILE), 1, 3);
            RoundRobin.log("created %s and %s of random data in %.1f s", Plan.human(plan.readBytes()),
                    Plan.human(plan.writeBytes()), (System.nanoTime() - t0) / 1e9);
            String uploadDir = ganesha.newDirectory("uploads");
            return new Setup(workDir, ganesha, embedded, readFile, writeSource, uploadDir);
        } catch (IOException | RuntimeException | Error e) {
            if (embedded != null) {
                embedded.close();
            }
            if (ganesha != null) {
                ganesha.close();
            }
            deleteTree(workDir);
            throw e;
        }
    }

    /**
     * Writes {@code size} pseudo-random bytes (incompressible, so no layer can shortcut them) and
     * flushes them to disk, so no writeback of this file runs during the measurements; the pages
     * stay in the page cache for the readers.
     */
    static void fillRandom(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = size;
            while (left > 0) {
                buffer.clear();
                while (buffer.remaining() >= 8) {
                    buffer.putLong(random.nextLong());
                }
                buffer.flip();
                buffer.limit((int) Math.min(buffer.limit(), left));
                while (buffer.hasRemaining()) {
                    left -= ch.write(buffer);
                }
            }
            ch.force(true);
        }
    }

    /** The URL of a file of the Ganesha export, in this project's form. */
    String ganeshaUrl(String rel) {
        return ganesha.url(rel);
    }

    String embeddedUrl(String rel) {
        return embedded.url(rel);
    }

    String upload(String name) {
        return uploadDir + "/" + name;
    }

    @Override
    public void close() {
        try {
            embedded.close();
        } finally {
            try {
                ganesha.close();
            } finally {
                deleteTree(workDir);
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left for the system's tmp cleaner; a failed delete must not hide the results.
                }
            });
        } catch (IOException e) {
            // As above.
        }
    }
}
