package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResolveCacheTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void entriesLiveForTheirTtlOnly() {
        ResolveCache<String> cache = new ResolveCache<>(Duration.ofSeconds(3), 10, now::get);
        cache.put("a", "handle-a");
        now.addAndGet(Duration.ofMillis(2999).toNanos());
        assertEquals("handle-a", cache.get("a"));
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertNull(cache.get("a"));
    }

    @Test
    void forgetDropsAStaleHandleAtOnce() {
        ResolveCache<String> cache = new ResolveCache<>(Duration.ofSeconds(3), 10, now::get);
        cache.put("a", "handle-a");
        cache.forget("a");
        assertNull(cache.get("a"));
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        ResolveCache<String> cache = new ResolveCache<>(Duration.ofSeconds(3), 2, now::get);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.get("a");
        cache.put("c", "3");
        assertEquals("1", cache.get("a"));
        assertNull(cache.get("b"));
        assertEquals("3", cache.get("c"));
    }

    @Test
    void aZeroTtlCachesNothing() {
        ResolveCache<String> cache = new ResolveCache<>(Duration.ZERO, 2, now::get);
        cache.put("a", "1");
        assertNull(cache.get("a"));
    }
}
