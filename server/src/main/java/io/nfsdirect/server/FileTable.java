package io.nfsdirect.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-side half of a file handle: id → (path, file key), and file key → id.
 *
 * <p>Ids are handed out in sequence and never reused within one server start, so a handle that
 * outlives its file (removed, or replaced by another file that got the same inode) cannot come
 * back to life as a different file: the id is either gone from the table or its stored file key
 * no longer matches what is on disk, and both read as STALE. The table lives exactly as long as
 * the server and grows by one entry per distinct file a client has been given a handle for.
 */
final class FileTable {

    record Entry(long id, Path path, Object fileKey) {
    }

    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();
    private final Map<Object, Long> byKey = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /**
     * Returns the entry for a file, creating one on first sight. A file reached under a second
     * name (a hard link) keeps its id; the recorded path becomes the name it was last reached by,
     * which names the same inode either way.
     */
    Entry register(Path path, Object fileKey) {
        long id = byKey.computeIfAbsent(fileKey, k -> nextId.getAndIncrement());
        return byId.compute(id, (k, old) ->
                old != null && old.fileKey().equals(fileKey) && old.path().equals(path)
                        ? old
                        : new Entry(id, path, fileKey));
    }

    Entry get(long id) {
        return byId.get(id);
    }

    /** Drops a file that is gone, so its handle reads as STALE from now on. */
    void forget(Entry entry) {
        byId.remove(entry.id(), entry);
        byKey.remove(entry.fileKey(), entry.id());
    }

    /** Drops the file with this key, if known, and returns its id. */
    Long forgetKey(Object fileKey) {
        Long id = byKey.remove(fileKey);
        if (id != null) {
            byId.remove(id);
        }
        return id;
    }

    int size() {
        return byId.size();
    }
}
