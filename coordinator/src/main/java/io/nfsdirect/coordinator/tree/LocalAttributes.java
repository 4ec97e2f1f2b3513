package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import io.nfsdirect.protocol.nfs3.Specdata3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * A local entry's attributes in NFSv3's shape, as lstat(2) gives them, so that a local tree is
 * walked and copied by the same job, filter and actions as an NFS one: the type and mode from
 * st_mode, the identity (fsid, fileid) from st_dev and st_ino, which is what finds hard links.
 */
public final class LocalAttributes {

    private LocalAttributes() {
    }

    /** lstat(2) of {@code path}: a symlink is described, never followed. */
    public static Fattr3 of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,nlink,uid,gid,size,dev,ino,rdev,"
                + "lastAccessTime,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        long size = (Long) a.get("size");
        long rdev = (Long) a.get("rdev");
        return new Fattr3(type(mode), mode & 07777, (Integer) a.get("nlink"), (Integer) a.get("uid"),
                (Integer) a.get("gid"), size, size, new Specdata3((int) (rdev >>> 8), (int) (rdev & 0xff)),
                (Long) a.get("dev"), (Long) a.get("ino"), time((FileTime) a.get("lastAccessTime")),
                time((FileTime) a.get("lastModifiedTime")), time((FileTime) a.get("ctime")));
    }

    /** The NFSv3 type of an st_mode's S_IFMT bits. */
    static int type(int mode) {
        return switch (mode & 0170000) {
            case 0040000 -> Nfs3.NF3DIR;
            case 0100000 -> Nfs3.NF3REG;
            case 0120000 -> Nfs3.NF3LNK;
            case 0060000 -> Nfs3.NF3BLK;
            case 0020000 -> Nfs3.NF3CHR;
            case 0140000 -> Nfs3.NF3SOCK;
            case 0010000 -> Nfs3.NF3FIFO;
            default -> 0;
        };
    }

    static NfsTime3 time(FileTime t) {
        Instant i = t.toInstant();
        return new NfsTime3((int) i.getEpochSecond(), i.getNano());
    }
}
