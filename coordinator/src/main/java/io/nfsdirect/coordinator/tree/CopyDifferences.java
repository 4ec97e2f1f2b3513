package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How an entry of a copy differs from the source entry it should be a copy of, by what a copy
 * carries over: type, size (files), the rwx bits (not links: a link's own mode means nothing) and
 * mtime, to the second, as rsync compares it. The copy may be local ({@link LocalAttributes}) or
 * on NFS: both are described as NFSv3 attributes. Each difference is one phrase, source value
 * first, e.g. {@code size 100 here 90}.
 */
public final class CopyDifferences {

    private CopyDifferences() {
    }

    /** Empty when {@code copy} matches {@code source} in all of these. */
    public static List<String> of(Fattr3 source, Fattr3 copy) {
        List<String> out = new ArrayList<>();
        String want = type(source.type);
        String got = type(copy.type);
        if (!want.equals(got)) {
            out.add("type " + want + " here " + got);
            return out;
        }
        if (source.type == Nfs3.NF3REG && source.size != copy.size) {
            out.add("size " + source.size + " here " + copy.size);
        }
        if (source.type != Nfs3.NF3LNK) {
            int mode = source.mode & 0777;
            int here = copy.mode & 0777;
            if (mode != here) {
                out.add(String.format("mode %04o here %04o", mode, here));
            }
        }
        long seconds = seconds(source);
        long copySeconds = seconds(copy);
        if (seconds != copySeconds && source.type != Nfs3.NF3LNK) {
            out.add("mtime " + Instant.ofEpochSecond(seconds) + " here " + Instant.ofEpochSecond(copySeconds));
        }
        return out;
    }

    /** Whether the file needs copying again by size and mtime alone: what sync looks at by default. */
    public static boolean sameSizeAndMtime(Fattr3 source, Fattr3 copy) {
        return copy.type == Nfs3.NF3REG && source.size == copy.size && seconds(source) == seconds(copy);
    }

    static String type(int nfsType) {
        return switch (nfsType) {
            case Nfs3.NF3REG -> "file";
            case Nfs3.NF3DIR -> "directory";
            case Nfs3.NF3LNK -> "symlink";
            default -> "special";
        };
    }

    private static long seconds(Fattr3 a) {
        return Integer.toUnsignedLong(a.mtime.seconds);
    }
}
