package io.nfsdirect.worker;

import io.nfsdirect.protocol.nfs3.NfsFh3;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The handles of directories a client walked through, kept for a few seconds, as the kernel keeps
 * dentries for {@code acdirmin}: a tree job resolves thousands of files in the same directories,
 * and without this paid a LOOKUP per path component for each. A directory removed or replaced on
 * the server meanwhile shows as a stale handle, and its caller forgets the export's directories
 * and walks again from the root. Bounded, least recently used first out; thread-safe.
 */
final class DirectoryHandles {

    /** How long a directory's handle is trusted without a fresh LOOKUP. */
    static final Duration TTL = Duration.ofSeconds(3);
    private static final int MAX_ENTRIES = 4096;

    private record Entry(NfsFh3 handle, long expiresAt) {
    }

    private final LongSupplier clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    DirectoryHandles() {
        this(System::nanoTime);
    }

    DirectoryHandles(LongSupplier clock) {
        this.clock = clock;
    }

    /** The handle of {@code path} (components below the export, '/'-joined) in {@code export}, or null. */
    synchronized NfsFh3 get(String export, String path) {
        Entry e = entries.get(export + "\0" + path);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() - e.expiresAt() >= 0) {
            entries.remove(export + "\0" + path);
            return null;
        }
        return e.handle();
    }

    synchronized void put(String export, String path, NfsFh3 handle) {
        entries.put(export + "\0" + path, new Entry(handle, clock.getAsLong() + TTL.toNanos()));
    }

    /** Forgets every directory of {@code export}: one of them was stale. */
    synchronized void forget(String export) {
        entries.keySet().removeIf(k -> k.startsWith(export + "\0"));
    }
}
