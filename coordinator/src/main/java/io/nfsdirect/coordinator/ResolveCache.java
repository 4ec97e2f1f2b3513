package io.nfsdirect.coordinator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What resolving a URL found, kept for a short while so that a stream of small requests to the
 * same file does not pay a LOOKUP per path component and an FSINFO before every READ, as the
 * kernel keeps dentries and attributes for {@code actimeo}. Staleness is bounded twice: entries
 * expire after {@code ttl}, and every request still sends its ACCESS check on the cached handle,
 * so a handle the server calls stale is dropped and looked up again before the request starts.
 * Bounded in size; the least recently used entries go first. Thread-safe: resolutions complete on
 * NFS client threads.
 *
 * @param <V> what is cached (a resolved file, a server's FSINFO)
 */
final class ResolveCache<V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<String, Entry<V>> entries;

    ResolveCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    ResolveCache(Duration ttl, int maxEntries, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value for {@code key}, or null when there is none or it expired. */
    synchronized V get(String key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() - e.expiresAt() >= 0) {
            entries.remove(key);
            return null;
        }
        return e.value();
    }

    synchronized void put(String key, V value) {
        if (ttlNanos > 0) {
            entries.put(key, new Entry<>(value, clock.getAsLong() + ttlNanos));
        }
    }

    synchronized void forget(String key) {
        entries.remove(key);
    }
}
