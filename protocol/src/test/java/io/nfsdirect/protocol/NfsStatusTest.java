package io.nfsdirect.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import io.nfsdirect.protocol.mount3.Mount3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NfsStatusTest {

    /** RFC 1813 section 2.6 values, and the Linux client's nfs_errtbl mapping with glibc's texts. */
    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            NFS3ERR_PERM        | 1     | EPERM        | 1   | Operation not permitted
            NFS3ERR_NOENT       | 2     | ENOENT       | 2   | No such file or directory
            NFS3ERR_IO          | 5     | EIO          | 5   | Input/output error
            NFS3ERR_NXIO        | 6     | ENXIO        | 6   | No such device or address
            NFS3ERR_ACCES       | 13    | EACCES       | 13  | Permission denied
            NFS3ERR_EXIST       | 17    | EEXIST       | 17  | File exists
            NFS3ERR_XDEV        | 18    | EXDEV        | 18  | Invalid cross-device link
            NFS3ERR_NODEV       | 19    | ENODEV       | 19  | No such device
            NFS3ERR_NOTDIR      | 20    | ENOTDIR      | 20  | Not a directory
            NFS3ERR_ISDIR       | 21    | EISDIR       | 21  | Is a directory
            NFS3ERR_INVAL       | 22    | EINVAL       | 22  | Invalid argument
            NFS3ERR_FBIG        | 27    | EFBIG        | 27  | File too large
            NFS3ERR_NOSPC       | 28    | ENOSPC       | 28  | No space left on device
            NFS3ERR_ROFS        | 30    | EROFS        | 30  | Read-only file system
            NFS3ERR_MLINK       | 31    | EMLINK       | 31  | Too many links
            NFS3ERR_NAMETOOLONG | 63    | ENAMETOOLONG | 36  | File name too long
            NFS3ERR_NOTEMPTY    | 66    | ENOTEMPTY    | 39  | Directory not empty
            NFS3ERR_DQUOT       | 69    | EDQUOT       | 122 | Disk quota exceeded
            NFS3ERR_STALE       | 70    | ESTALE       | 116 | Stale file handle
            NFS3ERR_REMOTE      | 71    | EREMOTE      | 66  | Object is remote
            NFS3ERR_BADHANDLE   | 10001 | EBADHANDLE   | 521 | Illegal NFS file handle
            NFS3ERR_NOT_SYNC    | 10002 | ENOTSYNC     | 522 | Update synchronization mismatch
            NFS3ERR_BAD_COOKIE  | 10003 | EBADCOOKIE   | 523 | Cookie is stale
            NFS3ERR_NOTSUPP     | 10004 | ENOTSUPP     | 524 | Operation is not supported
            NFS3ERR_TOOSMALL    | 10005 | ETOOSMALL    | 525 | Buffer or request is too small
            NFS3ERR_SERVERFAULT | 10006 | EREMOTEIO    | 121 | Remote I/O error
            NFS3ERR_BADTYPE     | 10007 | EBADTYPE     | 527 | Type not supported by server
            NFS3ERR_JUKEBOX     | 10008 | EJUKEBOX     | 528 | Request initiated, but will not complete before timeout
            """)
    void mapsLikeLinux(String name, int code, String errnoName, int errnoNumber, String message) {
        NfsStatus status = NfsStatus.of(code);
        assertEquals(name, status.name());
        assertEquals(code, status.code());
        assertEquals(Errno.valueOf(errnoName), status.errno());
        assertEquals(errnoNumber, status.errno().number());
        assertEquals(message, status.message());
        assertFalse(status.isOk());
    }

    @Test
    void everyStatusIsInTheTable() {
        // 28 errors + NFS3_OK + the catch-all: a status added later must be added above too.
        assertEquals(30, NfsStatus.values().length);
        for (NfsStatus status : NfsStatus.values()) {
            if (status != NfsStatus.NFS3ERR_UNKNOWN) {
                assertSame(status, NfsStatus.of(status.code()));
            }
        }
    }

    @Test
    void ok() {
        assertSame(NfsStatus.NFS3_OK, NfsStatus.of(0));
        assertTrue(NfsStatus.NFS3_OK.isOk());
        assertNull(NfsStatus.NFS3_OK.errno());
        assertEquals("OK", NfsStatus.NFS3_OK.message());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 4, 99, 10009, 10010, 70000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void unknownCodesAreEioAndNeverThrow(int code) {
        NfsStatus status = NfsStatus.of(code);
        assertSame(NfsStatus.NFS3ERR_UNKNOWN, status);
        assertSame(Errno.EIO, status.errno());
        assertFalse(status.isOk());
    }

    @Test
    void errnoNumbersAreLinuxAndUnique() {
        Set<Integer> seen = new java.util.HashSet<>();
        for (Errno errno : Errno.values()) {
            assertTrue(seen.add(errno.number()), errno + " reuses " + errno.number());
            assertSame(errno, Errno.ofNumber(errno.number()));
            assertFalse(errno.message().isBlank());
        }
        assertEquals(110, Errno.ETIMEDOUT.number());
        assertEquals(111, Errno.ECONNREFUSED.number());
        assertEquals(104, Errno.ECONNRESET.number());
        assertEquals(71, Errno.EPROTO.number());
        assertEquals(125, Errno.ECANCELED.number());
        assertEquals("Connection timed out", Errno.ETIMEDOUT.message());
        assertNull(Errno.ofNumber(0));
    }

    @Test
    void mountStatusesMapLikeTheLinuxMountClient() {
        assertNull(Mount3.errno(Mount3.MNT3_OK));
        assertSame(Errno.EPERM, Mount3.errno(Mount3.MNT3ERR_PERM));
        assertSame(Errno.ENOENT, Mount3.errno(Mount3.MNT3ERR_NOENT));
        assertSame(Errno.EIO, Mount3.errno(Mount3.MNT3ERR_IO));
        assertSame(Errno.EACCES, Mount3.errno(Mount3.MNT3ERR_ACCES));
        assertSame(Errno.ENOTDIR, Mount3.errno(Mount3.MNT3ERR_NOTDIR));
        assertSame(Errno.EINVAL, Mount3.errno(Mount3.MNT3ERR_INVAL));
        assertSame(Errno.ENAMETOOLONG, Mount3.errno(Mount3.MNT3ERR_NAMETOOLONG));
        assertSame(Errno.ENOTSUPP, Mount3.errno(Mount3.MNT3ERR_NOTSUPP));
        assertSame(Errno.EREMOTEIO, Mount3.errno(Mount3.MNT3ERR_SERVERFAULT));
        assertSame(Errno.EIO, Mount3.errno(12345));
        assertEquals("MNT3ERR_ACCES", Mount3.statusName(13));
        assertEquals("mountstat3 12345", Mount3.statusName(12345));
    }

    @Test
    void statusesAreDistinct() {
        Set<NfsStatus> all = EnumSet.allOf(NfsStatus.class);
        assertEquals(all.size(), all.stream().mapToInt(NfsStatus::code).distinct().count());
    }
}
