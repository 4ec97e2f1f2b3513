package io.nfsdirect.protocol.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Every layer's error lines come out in the one shape, with errno and NFS status kept. */
class IoErrorTest {

    private static final String READ = "read nfs://h/e/f";

    @Test
    void aLineNamesTheOffsetOnlyWhenThereIsOne() {
        assertEquals(READ + " at offset 4096: why", IoError.line(READ, 4096, "why"));
        assertEquals(READ + " at offset 0: why", IoError.line(READ, 0, "why"));
        assertEquals(READ + ": why", IoError.line(READ, -1, "why"));
    }

    @Test
    void aServersStatusGivesErrnoStatusAndStrerror() {
        IoError e = IoError.status(NfsStatus.NFS3ERR_ACCES, READ, 8);
        assertEquals("EACCES", e.errno());
        assertEquals("NFS3ERR_ACCES", e.nfsStatus());
        assertEquals(8, e.offset());
        assertEquals(READ + " at offset 8: Permission denied (NFS3ERR_ACCES)", e.message());
        assertEquals(READ + ": No such file or directory (ENOENT)", IoError.errno(Errno.ENOENT, READ, -1).message());
    }

    @Test
    void aLowerLayersFailureIsRestatedAsTheOperationsAndKeepsItsErrno() {
        IoError timedOut = IoError.restated(new CompletionException(
                NfsException.errno(Errno.ETIMEDOUT, "READ to 127.0.0.1:2049")), READ, 16);
        assertEquals("ETIMEDOUT", timedOut.errno());
        assertNull(timedOut.nfsStatus());
        assertEquals(READ + " at offset 16: READ to 127.0.0.1:2049: Connection timed out (ETIMEDOUT)", timedOut.message());

        IoError stale = IoError.restated(NfsException.of(NfsStatus.NFS3ERR_STALE, "lookup nfs://h/e/f"), READ, 0);
        assertEquals("NFS3ERR_STALE", stale.nfsStatus());
        assertEquals(READ + " at offset 0: Stale file handle (NFS3ERR_STALE)", stale.message());

        IoError other = IoError.restated(new IllegalStateException("boom"), READ, 3);
        assertEquals("EIO", other.errno());
        assertEquals(READ + " at offset 3: java.lang.IllegalStateException: boom", other.message());
    }

    @Test
    void aRaisedErrorComesBackUnchanged() {
        IoError raised = IoError.at(Errno.EFBIG, "write nfs://h/e/f", 5, "too big");
        assertSame(raised, IoError.restated(new CompletionException(raised.raise()), READ, 0));
    }
}
