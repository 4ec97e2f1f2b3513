package io.nfsdirect.server;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open FileChannels by file id, least recently used first out.
 *
 * <p>NFSv3 has no open or close, so a server that opened the file per READ would pay an open(2)
 * and close(2) per megabyte. A channel stays open while it is among the {@code capacity} most
 * recently used, until its file is removed through the server, or until the server closes.
 * Positional reads and writes on one FileChannel are safe from several threads at once, so one
 * channel serves all of a file's in-flight requests.
 *
 * <p>Each use holds a reference, and a channel leaves the cache (evicted, invalidated or closed
 * with the cache) without being closed while a request still uses it; the last user closes it.
 * So no request ever sees its channel closed under it. Closing a channel never loses written
 * data: it is in the page cache, and COMMIT's fsync on any descriptor of the file flushes it.
 */
final class ChannelCache implements Closeable {

    /** An operation on an open channel. */
    interface ChannelOp<T> {
        T apply(FileChannel channel) throws IOException;
    }

    /** Vets a path before a channel is opened on it; throws to refuse. */
    interface PathCheck {
        void check(Path path) throws IOException;
    }

    /** A cached channel and its users; guarded by the cache's lock. */
    private static final class Entry {
        final FileChannel channel;
        int users;
        boolean retired;

        Entry(FileChannel channel) {
            this.channel = channel;
        }
    }

    private final int capacity;
    private final PathCheck check;
    private final Map<Long, Entry> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    /**
     * @param check runs before every open, so that a path that has come to lead outside the
     *              export (a directory swapped for a symlink) is refused; an open channel stays
     *              bound to the file it was opened on
     */
    ChannelCache(int capacity, PathCheck check) {
        this.capacity = capacity;
        this.check = check;
    }

    /**
     * Runs {@code op} on the file's channel, opening it if needed. The channel is opened for
     * reading and writing when the server process may, else read-only (writes then fail with
     * NonWritableChannelException, which the caller maps to ACCES).
     */
    <T> T withChannel(long id, Path path, ChannelOp<T> op) throws IOException {
        Entry entry = acquire(id, path);
        try {
            return op.apply(entry.channel);
        } finally {
            release(entry);
        }
    }

    private Entry acquire(long id, Path path) throws IOException {
        synchronized (this) {
            Entry cached = usable(id);
            if (cached != null) {
                cached.users++;
                return cached;
            }
        }
        // open(2) can block on a slow filesystem; do it outside the lock and let a racing
        // opener win
        FileChannel fresh = openChannel(path);
        List<FileChannel> toClose = new ArrayList<>();
        Entry result;
        synchronized (this) {
            Entry cached = closed ? null : usable(id);
            if (closed) {
                toClose.add(fresh);
                result = null;
            } else if (cached != null) {
                toClose.add(fresh);
                result = cached;
            } else {
                result = new Entry(fresh);
                retire(open.put(id, result), toClose);
                Iterator<Entry> it = open.values().iterator();
                while (open.size() > capacity && it.hasNext()) {
                    Entry eldest = it.next();
                    it.remove();
                    retire(eldest, toClose);
                }
            }
            if (result != null) {
                result.users++;
            }
        }
        toClose.forEach(ChannelCache::closeQuietly);
        if (result == null) {
            throw new ClosedChannelException();
        }
        return result;
    }

    /** The cached entry for {@code id} if its channel is still open; must hold the lock. */
    private Entry usable(long id) throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
        Entry cached = open.get(id);
        if (cached != null && !cached.channel.isOpen()) {
            // closed by an interrupted read or write: replace it
            open.remove(id);
            return null;
        }
        return cached;
    }

    /** Takes an entry out of service; its channel closes now if unused, else on last release. */
    private static void retire(Entry entry, List<FileChannel> toClose) {
        if (entry != null && !entry.retired) {
            entry.retired = true;
            if (entry.users == 0) {
                toClose.add(entry.channel);
            }
        }
    }

    private void release(Entry entry) {
        boolean close;
        synchronized (this) {
            close = --entry.users == 0 && entry.retired;
        }
        if (close) {
            closeQuietly(entry.channel);
        }
    }

    private FileChannel openChannel(Path path) throws IOException {
        check.check(path);
        try {
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Takes the file's channel out of the cache, e.g. because the file was removed. */
    void invalidate(long id) {
        List<FileChannel> toClose = new ArrayList<>(1);
        synchronized (this) {
            retire(open.remove(id), toClose);
        }
        toClose.forEach(ChannelCache::closeQuietly);
    }

    synchronized int size() {
        return open.size();
    }

    @Override
    public void close() {
        List<FileChannel> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            open.values().forEach(entry -> retire(entry, toClose));
            open.clear();
        }
        toClose.forEach(ChannelCache::closeQuietly);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was pending on it that another descriptor cannot reach
            }
        }
    }
}
