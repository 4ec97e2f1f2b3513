package io.nfsdirect.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

class NfsExceptionTest {

    @Test
    void statusWithOffset() {
        NfsException e = NfsException.of(NfsStatus.NFS3ERR_NOENT, "read nfs://h/e/f", 1048576);
        assertEquals("read nfs://h/e/f at offset 1048576: No such file or directory (NFS3ERR_NOENT)",
                e.getMessage());
        assertSame(Errno.ENOENT, e.errno());
        assertSame(NfsStatus.NFS3ERR_NOENT, e.status());
        assertEquals(1048576, e.offset());
        assertEquals("read nfs://h/e/f", e.context());
        assertNull(e.getCause());
    }

    @Test
    void statusWithoutOffset() {
        NfsException e = NfsException.of(NfsStatus.NFS3ERR_SERVERFAULT, "commit nfs://h/e/f");
        assertEquals("commit nfs://h/e/f: Remote I/O error (NFS3ERR_SERVERFAULT)", e.getMessage());
        assertSame(Errno.EREMOTEIO, e.errno());
        assertEquals(-1, e.offset());
    }

    @Test
    void offsetZeroIsAnOffset() {
        assertEquals("write f at offset 0: No space left on device (NFS3ERR_NOSPC)",
                NfsException.of(NfsStatus.NFS3ERR_NOSPC, "write f", 0).getMessage());
    }

    @Test
    void errnoWithoutAStatus() {
        IOException cause = new SocketTimeoutException("no reply");
        NfsException e = NfsException.errno(Errno.ETIMEDOUT, "READ to 10.0.0.1:2049", cause);
        assertEquals("READ to 10.0.0.1:2049: Connection timed out (ETIMEDOUT)", e.getMessage());
        assertSame(Errno.ETIMEDOUT, e.errno());
        assertNull(e.status());
        assertSame(cause, e.getCause());
        assertEquals("connect h: Connection refused (ECONNREFUSED)",
                NfsException.errno(Errno.ECONNREFUSED, "connect h").getMessage());
    }

    @Test
    void okIsNotAnError() {
        assertThrows(IllegalArgumentException.class, () -> NfsException.of(NfsStatus.NFS3_OK, "x"));
    }

    @Test
    void unknownStatusNamesItself() {
        assertEquals("getattr x: Input/output error (NFS3ERR_UNKNOWN)",
                NfsException.of(NfsStatus.of(4242), "getattr x").getMessage());
    }
}
