package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import org.junit.jupiter.api.Test;

class EntryChecksTest {

    private static final String URL = "nfs://127.0.0.1:2049/export/file";

    private static IoError check(long offset, long length, IoOptions options, Sink sink) {
        return EntryChecks.beforeResolve("read", URL, offset, length, options, sink, 1024);
    }

    @Test
    void negativeOffsetOrLengthIsEinvalNamingFileAndOffset() {
        IoError e = check(-1, 10, IoOptions.DEFAULT, new Sink.Digest());
        assertEquals("EINVAL", e.errno());
        assertEquals("read " + URL + ": negative offset -1", e.message());
        e = check(5, -3, IoOptions.DEFAULT, new Sink.Digest());
        assertEquals("EINVAL", e.errno());
        assertEquals(5, e.offset());
        assertTrue(e.message().startsWith("read " + URL + " at offset 5"), e.message());
    }

    @Test
    void appendIsEinvalBecauseNfsHasNoAtomicAppend() {
        IoError e = check(0, 10, IoOptions.DEFAULT.withAppend(true), new Sink.Digest());
        assertEquals("EINVAL", e.errno());
        assertTrue(e.message().contains("NFS has no atomic append"), e.message());
    }

    @Test
    void theReplySinkCapIsEfbigAndNamesTheStreamingSinks() {
        assertNull(check(0, 1024, IoOptions.DEFAULT, new Sink.Reply()));
        IoError e = check(0, 1025, IoOptions.DEFAULT, new Sink.Reply());
        assertEquals("EFBIG", e.errno());
        assertTrue(e.message().contains("Stream, Digest or Copy"), e.message());
        assertNull(check(0, 1L << 40, IoOptions.DEFAULT, new Sink.Digest()), "streaming sinks have no cap");
    }

    @Test
    void overflowAndMaxFileSizeAreEfbig() {
        assertEquals("EFBIG", check(Long.MAX_VALUE - 5, 10, IoOptions.DEFAULT, new Sink.Digest()).errno());
        IoError e = EntryChecks.withinMaxFileSize("write", URL, 100, 50, 120);
        assertEquals("EFBIG", e.errno());
        assertEquals(100, e.offset());
        assertNull(EntryChecks.withinMaxFileSize("write", URL, 100, 20, 120));
        assertNull(EntryChecks.withinMaxFileSize("write", URL, 100, 20, -1), "an unsigned maxfilesize above 2^63");
    }

    @Test
    void aGoodRequestPasses() {
        assertNull(check(0, 0, IoOptions.DEFAULT, new Sink.Reply()));
        assertNull(check(7, 1000, IoOptions.DEFAULT, new Sink.Reply()));
    }
}
