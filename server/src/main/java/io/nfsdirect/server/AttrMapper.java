package io.nfsdirect.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import io.nfsdirect.protocol.nfs3.PostOpAttr;
import io.nfsdirect.protocol.nfs3.PreOpAttr;
import io.nfsdirect.protocol.nfs3.Specdata3;
import io.nfsdirect.protocol.nfs3.WccAttr;
import io.nfsdirect.protocol.nfs3.WccData;

/**
 * Local file attributes in NFSv3 shapes. All files report the export's fsid: the server presents
 * one filesystem (FSF3_HOMOGENEOUS), and fileid is the inode number.
 */
final class AttrMapper {

    private final long fsid;

    AttrMapper(long fsid) {
        this.fsid = fsid;
    }

    Fattr3 fattr(FileAttrs a) {
        return new Fattr3(type(a), a.permissions(), a.nlink(), a.uid(), a.gid(), a.size(), used(a),
                rdev(a), fsid, a.ino(), time(a.atime()), time(a.mtime()), time(a.ctime()));
    }

    PostOpAttr postOp(FileAttrs a) {
        return new PostOpAttr(a == null ? null : fattr(a));
    }

    /** Post-operation attributes read fresh; absent rather than an error when the stat fails. */
    PostOpAttr postOp(Path path) {
        try {
            return postOp(FileAttrs.read(path));
        } catch (IOException e) {
            return new PostOpAttr();
        }
    }

    static PreOpAttr preOp(FileAttrs a) {
        return new PreOpAttr(a == null ? null : new WccAttr(a.size(), time(a.mtime()), time(a.ctime())));
    }

    WccData wcc(FileAttrs before, Path path) {
        return new WccData(preOp(before), postOp(path));
    }

    static WccData emptyWcc() {
        return new WccData(new PreOpAttr(), new PostOpAttr());
    }

    static int type(FileAttrs a) {
        return switch (a.format()) {
            case FileAttrs.S_IFREG -> Nfs3.NF3REG;
            case FileAttrs.S_IFDIR -> Nfs3.NF3DIR;
            case FileAttrs.S_IFLNK -> Nfs3.NF3LNK;
            case FileAttrs.S_IFBLK -> Nfs3.NF3BLK;
            case FileAttrs.S_IFCHR -> Nfs3.NF3CHR;
            case FileAttrs.S_IFSOCK -> Nfs3.NF3SOCK;
            case FileAttrs.S_IFIFO -> Nfs3.NF3FIFO;
            default -> Nfs3.NF3REG;
        };
    }

    /** The JDK does not expose st_blocks; the size rounded up to 512-byte blocks stands in. */
    private static long used(FileAttrs a) {
        return (a.size() + 511) & ~511L;
    }

    /** Linux's dev_t encoding (glibc gnu_dev_major / gnu_dev_minor). */
    private static Specdata3 rdev(FileAttrs a) {
        long dev = a.rdev();
        int major = (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
        int minor = (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
        return new Specdata3(major, minor);
    }

    static NfsTime3 time(Instant t) {
        return new NfsTime3((int) t.getEpochSecond(), t.getNano());
    }

    /** nfstime3 seconds are unsigned 32-bit, so times after 2106 cannot be set. */
    static Instant instant(NfsTime3 t) {
        long nanos = Math.min(Integer.toUnsignedLong(t.nseconds), 999_999_999L);
        return Instant.ofEpochSecond(Integer.toUnsignedLong(t.seconds), nanos);
    }
}
