package io.nfsdirect.server;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes file handles survive a restart of the server, as knfsd's do: the handle key and the
 * file table, kept in a state directory of the operator's choosing.
 *
 * <ul>
 *   <li>{@code handle.key} (mode 0600): the handle codec's instance id and HMAC secret. Anyone who
 *       reads it can forge handles to any file of the export, so a key file that group or others
 *       may read is refused.</li>
 *   <li>{@code files.journal}: one line per file given an id ({@code + id dev:ino path}, the path
 *       relative to the export, Base64) and per file forgotten ({@code - id}), after a first line
 *       naming the export. A start replays it, then rewrites it with only the live entries.</li>
 * </ul>
 * A state directory of another export starts over with a new key: its ids would name other files.
 * Lines are written through to the file system but not forced to disk, so a crash of the machine
 * (not of the server) may lose the last ones; those handles then read as STALE, as all did before.
 */
final class HandleState implements FileTable.Journal, AutoCloseable {

    static final String KEY_FILE = "handle.key";
    static final String JOURNAL_FILE = "files.journal";
    private static final int KEY_BYTES = 8 + 32;
    private static final Logger LOG = LoggerFactory.getLogger(HandleState.class);
    private static final LogOnce JOURNAL_FAILED = new LogOnce(LOG);

    private final Path root;
    private final HandleCodec codec;
    private final FileTable table;
    private final BufferedWriter journal;

    private HandleState(Path root, HandleCodec codec, Path journalFile, String header, List<String> earlier)
            throws IOException {
        this.root = root;
        this.codec = codec;
        // Restoring writes nothing; the table journals into this state only from the first new file.
        this.table = new FileTable(this);
        replay(earlier, root, table);
        compact(journalFile, header, table, root);
        this.journal = Files.newBufferedWriter(journalFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Opens (or creates) the state of {@code exportRoot} in {@code dir}, restoring its file table.
     *
     * @throws IOException if the directory cannot be used, or its key file is readable by others
     */
    static HandleState open(Path dir, Path exportRoot, SecureRandom random) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path keyFile = dir.resolve(KEY_FILE);
        Path journalFile = dir.resolve(JOURNAL_FILE);
        String header = "export " + encode(exportRoot.toString());
        List<String> lines = Files.exists(journalFile) ? Files.readAllLines(journalFile, StandardCharsets.UTF_8) : List.of();
        boolean sameExport = !lines.isEmpty() && lines.get(0).equals(header) && Files.exists(keyFile);
        byte[] key = sameExport ? readKey(keyFile) : newKey(keyFile, random);
        ByteBuffer k = ByteBuffer.wrap(key);
        long instance = k.getLong();
        byte[] secret = new byte[KEY_BYTES - 8];
        k.get(secret);
        return new HandleState(exportRoot, new HandleCodec(instance, secret), journalFile, header,
                sameExport ? lines.subList(1, lines.size()) : List.of());
    }

    HandleCodec codec() {
        return codec;
    }

    /** The restored table, journaling into this state from now on. */
    FileTable table() {
        return table;
    }

    @Override
    public synchronized void recorded(FileTable.Entry entry) {
        write("+ " + entry.id() + " " + entry.fileKey() + " " + encode(root.relativize(entry.path()).toString()));
    }

    @Override
    public synchronized void forgotten(long id) {
        write("- " + id);
    }

    private void write(String line) {
        try {
            journal.write(line);
            journal.newLine();
            journal.flush();
        } catch (IOException e) {
            // The server goes on; this handle just will not survive a restart.
            JOURNAL_FAILED.warn("cannot write the handle journal in {}: {}; handles given out from now on "
                    + "read as stale after a restart", root, e.toString());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }

    private static void replay(List<String> lines, Path root, FileTable table) {
        for (String line : lines) {
            String[] f = line.split(" ", -1);   // the root's path is empty
            try {
                Path path = f.length == 4 ? root.resolve(decode(f[3])).normalize() : null;
                if (f.length == 4 && f[0].equals("+") && path.startsWith(root)) {
                    // a path that leads outside the export is never served, whoever wrote it there
                    table.restore(new FileTable.Entry(Long.parseLong(f[1]), path, FileKey.parse(f[2])));
                } else if (f.length == 2 && f[0].equals("-")) {
                    table.restoreForget(Long.parseLong(f[1]));
                }
            } catch (IllegalArgumentException torn) {
                // a line cut short by a crash: what it named reads as STALE
            }
        }
    }

    /** Rewrites the journal with the live entries only, atomically. */
    private static void compact(Path journalFile, String header, FileTable table, Path root) throws IOException {
        List<String> out = new ArrayList<>();
        out.add(header);
        for (FileTable.Entry e : table.entries()) {
            out.add("+ " + e.id() + " " + e.fileKey() + " " + encode(root.relativize(e.path()).toString()));
        }
        Path tmp = journalFile.resolveSibling(JOURNAL_FILE + ".tmp");
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, journalFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] readKey(Path keyFile) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IOException(keyFile + " may be read by others, who could forge file handles with it: "
                    + "chmod 600 it, or remove it to start over");
        }
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length != KEY_BYTES) {
            throw new IOException(keyFile + " holds " + key.length + " bytes, not " + KEY_BYTES);
        }
        return key;
    }

    private static byte[] newKey(Path keyFile, SecureRandom random) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Path tmp = keyFile.resolveSibling(KEY_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, key);
        Files.move(tmp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    }
}
