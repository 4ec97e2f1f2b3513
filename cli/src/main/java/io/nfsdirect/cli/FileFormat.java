package io.nfsdirect.cli;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** fattr3 for people: {@code ls -l}-style mode strings, type names and times. */
final class FileFormat {

    private static final DateTimeFormatter LS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter FULL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn Z", Locale.ROOT).withZone(ZoneId.systemDefault());

    private FileFormat() {
    }

    static String typeName(int type) {
        switch (type) {
            case Nfs3.NF3REG:
                return "regular file";
            case Nfs3.NF3DIR:
                return "directory";
            case Nfs3.NF3BLK:
                return "block device";
            case Nfs3.NF3CHR:
                return "character device";
            case Nfs3.NF3LNK:
                return "symbolic link";
            case Nfs3.NF3SOCK:
                return "socket";
            case Nfs3.NF3FIFO:
                return "fifo";
            default:
                return "type " + type;
        }
    }

    /** {@code -rw-r--r--}, {@code drwxr-xr-x}, with setuid/setgid/sticky as ls shows them. */
    static String modeString(int type, int mode) {
        String types = "?-dbclsp";
        StringBuilder s = new StringBuilder();
        s.append(type >= 1 && type <= 7 ? types.charAt(type) : '?');
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        special(s, 3, (mode & 04000) != 0, 's');
        special(s, 6, (mode & 02000) != 0, 's');
        special(s, 9, (mode & 01000) != 0, 't');
        return s.toString();
    }

    private static void special(StringBuilder s, int index, boolean set, char letter) {
        if (set) {
            s.setCharAt(index, s.charAt(index) == '-' ? Character.toUpperCase(letter) : letter);
        }
    }

    /** One {@code ls -l} line: mode, links, uid, gid, size, mtime, name. */
    static String lsLine(String name, Fattr3 a) {
        if (a == null) {
            return String.format(Locale.ROOT, "%-10s %3s %5s %5s %12s %16s %s", "?", "?", "?", "?", "?", "?", name);
        }
        return String.format(Locale.ROOT, "%s %3d %5s %5s %12d %16s %s", modeString(a.type, a.mode),
                Integer.toUnsignedLong(a.nlink), Integer.toUnsignedString(a.uid), Integer.toUnsignedString(a.gid),
                a.size, a.mtime == null ? "?" : LS_TIME.format(instant(a.mtime)), name);
    }

    static String fullTime(NfsTime3 t) {
        return t == null ? "?" : FULL_TIME.format(instant(t));
    }

    private static Instant instant(NfsTime3 t) {
        return Instant.ofEpochSecond(Integer.toUnsignedLong(t.seconds), Integer.toUnsignedLong(t.nseconds));
    }
}
