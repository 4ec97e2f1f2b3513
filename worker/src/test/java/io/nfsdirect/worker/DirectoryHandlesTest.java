package io.nfsdirect.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nfsdirect.protocol.nfs3.NfsFh3;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A directory's handle is trusted for its TTL only, per export, and all of an export's go at once. */
class DirectoryHandlesTest {

    private final AtomicLong now = new AtomicLong();
    private final DirectoryHandles handles = new DirectoryHandles(now::get);
    private final NfsFh3 a = new NfsFh3(new byte[] {1});
    private final NfsFh3 b = new NfsFh3(new byte[] {2});

    @Test
    void aHandleLastsItsTtlAndNoLonger() {
        handles.put("/e", "x/y", a);
        now.addAndGet(DirectoryHandles.TTL.toNanos() - 1);
        assertEquals(a, handles.get("/e", "x/y"));
        now.addAndGet(1);
        assertNull(handles.get("/e", "x/y"));
    }

    @Test
    void exportsAreApartAndAStaleOneForgetsOnlyItsOwn() {
        handles.put("/e", "x", a);
        handles.put("/e2", "x", b);
        handles.put("/e/sub", "x", b);
        assertEquals(b, handles.get("/e2", "x"));
        handles.forget("/e");
        assertNull(handles.get("/e", "x"));
        assertEquals(b, handles.get("/e2", "x"));
        assertEquals(b, handles.get("/e/sub", "x"), "another export whose name starts alike");
    }
}
