package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a local entry differs from the NFS entry it should be a copy of, by what a copy carries
 * over: type, size (files), the rwx bits (not links: a link's own mode means nothing) and mtime,
 * to the second, as rsync compares it. Each difference is one phrase, source value first, e.g.
 * {@code size 100 here 90}.
 */
public final class LocalDifferences {

    private LocalDifferences() {
    }

    /** Empty when {@code local} matches {@code source} in all of these. */
    public static List<String> of(Fattr3 source, PosixFileAttributes local) {
        List<String> out = new ArrayList<>();
        String want = type(source.type);
        String got = type(local);
        if (!want.equals(got)) {
            out.add("type " + want + " here " + got);
            return out;
        }
        if (source.type == Nfs3.NF3REG && source.size != local.size()) {
            out.add("size " + source.size + " here " + local.size());
        }
        if (source.type != Nfs3.NF3LNK) {
            int mode = source.mode & 0777;
            int here = mode(local);
            if (mode != here) {
                out.add(String.format("mode %04o here %04o", mode, here));
            }
        }
        long seconds = Integer.toUnsignedLong(source.mtime.seconds);
        long localSeconds = local.lastModifiedTime().toInstant().getEpochSecond();
        if (seconds != localSeconds && source.type != Nfs3.NF3LNK) {
            out.add("mtime " + Instant.ofEpochSecond(seconds) + " here " + Instant.ofEpochSecond(localSeconds));
        }
        return out;
    }

    /** Whether the file needs copying again by size and mtime alone: what sync looks at by default. */
    public static boolean sameSizeAndMtime(Fattr3 source, PosixFileAttributes local) {
        return local.isRegularFile() && source.size == local.size()
                && Integer.toUnsignedLong(source.mtime.seconds) == local.lastModifiedTime().toInstant().getEpochSecond();
    }

    static String type(int nfsType) {
        return switch (nfsType) {
            case Nfs3.NF3REG -> "file";
            case Nfs3.NF3DIR -> "directory";
            case Nfs3.NF3LNK -> "symlink";
            default -> "special";
        };
    }

    static String type(PosixFileAttributes local) {
        return local.isSymbolicLink() ? "symlink" : local.isDirectory() ? "directory"
                : local.isRegularFile() ? "file" : "special";
    }

    static int mode(PosixFileAttributes local) {
        int mode = 0;
        PosixFilePermission[] bits = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if (local.permissions().contains(bits[i])) {
                mode |= 0400 >> i;
            }
        }
        return mode;
    }
}
