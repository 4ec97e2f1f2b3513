package io.nfsdirect.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-side half of a file handle: id → (path, file key), and file key → id.
 *
 * <p>Ids are handed out in sequence and never reused, so a handle that outlives its file (removed,
 * or replaced by another file that got the same inode) cannot come back to life as a different
 * file: the id is either gone from the table or its stored file key no longer matches what is on
 * disk, and both read as STALE. The table grows by one entry per distinct file a client has been
 * given a handle for. With a {@link Journal} ({@link HandleState}) it outlives the server: a
 * restarted server restores it, and its clients' handles stay good.
 */
final class FileTable {

    record Entry(long id, Path path, FileKey fileKey) {
    }

    /** Where the table's changes are kept beyond this start; {@link #NONE} keeps them nowhere. */
    interface Journal {
        Journal NONE = new Journal() {
            @Override
            public void recorded(Entry entry) {
            }

            @Override
            public void forgotten(long id) {
            }
        };

        void recorded(Entry entry);

        void forgotten(long id);
    }

    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();
    private final Map<FileKey, Long> byKey = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Journal journal;

    FileTable() {
        this(Journal.NONE);
    }

    FileTable(Journal journal) {
        this.journal = journal;
    }

    /** Puts back an entry of an earlier start, read from its journal; later ids come after it. */
    void restore(Entry entry) {
        Entry old = byId.put(entry.id(), entry);
        if (old != null) {
            byKey.remove(old.fileKey(), old.id());
        }
        byKey.put(entry.fileKey(), entry.id());
        nextId.accumulateAndGet(entry.id() + 1, Math::max);
    }

    /** Takes back an entry of an earlier start that its journal says was forgotten. */
    void restoreForget(long id) {
        Entry old = byId.remove(id);
        if (old != null) {
            byKey.remove(old.fileKey(), id);
        }
    }

    /**
     * Returns the entry for a file, creating one on first sight. A file reached under a second
     * name (a hard link) keeps its id; the recorded path becomes the name it was last reached by,
     * which names the same inode either way.
     */
    Entry register(Path path, FileKey fileKey) {
        long id = byKey.computeIfAbsent(fileKey, k -> nextId.getAndIncrement());
        Entry[] added = {null};
        Entry entry = byId.compute(id, (k, old) -> {
            if (old != null && old.fileKey().equals(fileKey) && old.path().equals(path)) {
                return old;
            }
            added[0] = new Entry(id, path, fileKey);
            return added[0];
        });
        if (added[0] != null) {
            journal.recorded(added[0]);
        }
        return entry;
    }

    /**
     * A rename: every entry at {@code from} or below it now lives at the same place under
     * {@code to}. Ids and file keys stay, so handles stay good.
     */
    void moved(Path from, Path to) {
        for (Entry entry : entries()) {
            if (entry.path().startsWith(from)) {
                Entry renamed = new Entry(entry.id(), to.resolve(from.relativize(entry.path())), entry.fileKey());
                if (byId.replace(entry.id(), entry, renamed)) {
                    journal.recorded(renamed);
                }
            }
        }
    }

    Entry get(long id) {
        return byId.get(id);
    }

    /** Drops a file that is gone, so its handle reads as STALE from now on. */
    void forget(Entry entry) {
        if (byId.remove(entry.id(), entry)) {
            journal.forgotten(entry.id());
        }
        byKey.remove(entry.fileKey(), entry.id());
    }

    /** Drops the file with this key, if known, and returns its id. */
    Long forgetKey(FileKey fileKey) {
        Long id = byKey.remove(fileKey);
        if (id != null) {
            byId.remove(id);
            journal.forgotten(id);
        }
        return id;
    }

    int size() {
        return byId.size();
    }

    /** Every entry, in no particular order. */
    java.util.Collection<Entry> entries() {
        return java.util.List.copyOf(byId.values());
    }
}
