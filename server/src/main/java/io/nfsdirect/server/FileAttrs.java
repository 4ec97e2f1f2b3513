package io.nfsdirect.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * One stat(2) of a file, read without following a final symlink. Naming the attributes
 * explicitly (rather than "unix:*") keeps the JDK from resolving owner and group names through
 * the password database on every call.
 */
record FileAttrs(int mode, long ino, long dev, int nlink, int uid, int gid, long rdev, long size,
                 Instant atime, Instant mtime, Instant ctime) {

    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFDIR = 0040000;
    static final int S_IFLNK = 0120000;
    static final int S_IFBLK = 0060000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;
    static final int S_IFSOCK = 0140000;

    private static final String NAMES =
            "unix:mode,ino,dev,nlink,uid,gid,rdev,size,lastAccessTime,lastModifiedTime,ctime";

    static FileAttrs read(Path path) throws IOException {
        Map<String, Object> m = Files.readAttributes(path, NAMES, LinkOption.NOFOLLOW_LINKS);
        return new FileAttrs(
                (Integer) m.get("mode"),
                (Long) m.get("ino"),
                (Long) m.get("dev"),
                (Integer) m.get("nlink"),
                (Integer) m.get("uid"),
                (Integer) m.get("gid"),
                (Long) m.get("rdev"),
                (Long) m.get("size"),
                ((FileTime) m.get("lastAccessTime")).toInstant(),
                ((FileTime) m.get("lastModifiedTime")).toInstant(),
                ((FileTime) m.get("ctime")).toInstant());
    }

    FileKey fileKey() {
        return new FileKey(dev, ino);
    }

    int format() {
        return mode & S_IFMT;
    }

    int permissions() {
        return mode & 07777;
    }

    boolean isDirectory() {
        return format() == S_IFDIR;
    }

    boolean isRegular() {
        return format() == S_IFREG;
    }

    boolean isSymlink() {
        return format() == S_IFLNK;
    }
}
