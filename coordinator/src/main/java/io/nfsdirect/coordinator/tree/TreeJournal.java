package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.nfs3.Fattr3;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A tree job's journal: one line per file finished, appended as it finishes, so that the same job
 * run again with {@code --resume} after a Ctrl-C, a kill -9 or a lost coordinator skips what was
 * done. A line records the file's size and mtime as the source had them; a file whose source has
 * changed since no longer matches its line and is done again, whole. Each line goes to the kernel
 * as it is written (one write call), so a killed process loses none; a torn last line, from a
 * crash of the machine, is ignored. A whole file is journaled once renamed, not forced to the disk
 * (an fsync per small file would cost more than the copy): after a crash of the machine itself, as
 * opposed to the process, check the copy with {@code verify} or run the job again without
 * {@code --resume}. A piece is journaled only once forced or committed.
 *
 * <p>A big file is also journaled piece by piece as it is copied ({@link Checkpoints}): a line per
 * piece whose bytes are durable in the copy, so a resumed job sends only the pieces missing, if
 * the source still has the size and mtime the pieces were copied from.
 *
 * <p>Format, UTF-8: a first line {@code nfs-direct-job 1 <job>}, then
 * {@code done <size> <mtime seconds>.<nanoseconds> <path>} per file and
 * {@code piece <size> <mtime> <offset> <length> <path>} per piece, with the path's backslashes,
 * newlines and carriage returns escaped as {@code \\}, {@code \n}, {@code \r}.
 */
public final class TreeJournal implements AutoCloseable {

    /** The journal's file in the job directory. */
    public static final String FILE = "journal";
    private static final String MAGIC = "nfs-direct-job 1 ";

    private record Done(long size, String mtime) {
    }

    /** The pieces of a file not yet finished, as the source was when they were copied. */
    private record Pieces(long size, String mtime, Set<Checkpoints.Piece> done) {
    }

    private final Path file;
    private final FileChannel out;
    private final Map<String, Done> done;
    /** Only files begun and not finished: a finished file's pieces are dropped. */
    private final Map<String, Pieces> pieces;
    private long resumedFiles;

    private TreeJournal(Path file, FileChannel out, Map<String, Done> done, Map<String, Pieces> pieces) {
        this.file = file;
        this.out = out;
        this.done = done;
        this.pieces = pieces;
    }

    /**
     * A fresh journal for {@code job} in {@code directory} (made if missing), replacing one that was there.
     *
     * @param job what names the job: its command, source and target
     */
    public static TreeJournal start(Path directory, String job) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        TreeJournal journal = new TreeJournal(file, out, new HashMap<>(), new HashMap<>());
        journal.append(MAGIC + escape(job));
        return journal;
    }

    /**
     * The journal of {@code job} in {@code directory}, read for what it says was done and kept open
     * to add to.
     *
     * @throws IOException when there is none, or it is another job's
     */
    public static TreeJournal resume(Path directory, String job) throws IOException {
        Path file = directory.resolve(FILE);
        String started = jobOf(directory);
        if (!started.equals(job)) {
            throw new IOException(file + " is the journal of another job: " + started);
        }
        Map<String, Done> done = new HashMap<>();
        Map<String, Pieces> pieces = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine(); // the job, as jobOf read it
            for (String line; (line = in.readLine()) != null; ) {
                try {
                    String[] f = line.split(" ", 4);
                    if (f.length == 4 && f[0].equals("done")) {
                        String path = unescape(f[3]);
                        done.put(path, new Done(Long.parseLong(f[1]), f[2]));
                        pieces.remove(path);
                    }
                    String[] p = line.split(" ", 6);
                    if (p.length == 6 && p[0].equals("piece")) {
                        long size = Long.parseLong(p[1]);
                        Checkpoints.Piece piece = new Checkpoints.Piece(Long.parseLong(p[3]), Long.parseLong(p[4]));
                        String path = unescape(p[5]);
                        Pieces known = pieces.get(path);
                        if (known == null || known.size() != size || !known.mtime().equals(p[2])) {
                            // the source changed between runs: only the pieces of its last state count
                            known = new Pieces(size, p[2], new HashSet<>());
                            pieces.put(path, known);
                        }
                        known.done().add(piece);
                    }
                } catch (NumberFormatException torn) {
                    // a line cut short by a crash: that file, or that piece, is done again
                }
            }
        }
        FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new TreeJournal(file, out, done, pieces);
    }

    /** The job whose journal is in {@code directory}, as {@link #start} was told it. */
    public static String jobOf(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no job to resume: " + file + " does not exist");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || !first.startsWith(MAGIC)) {
                throw new IOException(file + " is not a job's journal");
            }
            return unescape(first.substring(MAGIC.length()));
        }
    }

    public Path file() {
        return file;
    }

    /** Whether the journal says {@code path} was finished with the source as it is now. */
    public synchronized boolean finished(String path, Fattr3 source) {
        Done d = done.get(path);
        boolean same = d != null && d.size() == source.size && d.mtime().equals(mtime(source));
        if (same) {
            resumedFiles++;
        }
        return same;
    }

    /** Files this run found finished by an earlier one. */
    public synchronized long resumedFiles() {
        return resumedFiles;
    }

    /**
     * The pieces of {@code path} an earlier run copied from the source as it is now; empty when
     * there are none, or the source has changed since. Each is its offset and length: a run cut
     * into pieces of another size trusts none of them, and copies its own.
     */
    public synchronized Set<Checkpoints.Piece> pieces(String path, Fattr3 source) {
        Pieces p = pieces.get(path);
        return p != null && p.size() == source.size && p.mtime().equals(mtime(source)) ? Set.copyOf(p.done())
                : Set.of();
    }

    /** Records that the piece {@code [offset, offset + length)} of {@code path} is durable in its copy. */
    public synchronized void piece(String path, Fattr3 source, long offset, long length) throws IOException {
        append("piece " + source.size + " " + mtime(source) + " " + offset + " " + length + " " + escape(path));
    }

    /** Records that {@code path} is finished, as the source had it. */
    public synchronized void finish(String path, Fattr3 source) throws IOException {
        pieces.remove(path);
        done.put(path, new Done(source.size, mtime(source)));
        append("done " + source.size + " " + mtime(source) + " " + escape(path));
    }

    private void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private static String mtime(Fattr3 a) {
        return Integer.toUnsignedLong(a.mtime.seconds) + "." + a.mtime.nseconds;
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
