package io.nfsdirect.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.nfsdirect.protocol.NfsStatus;

/**
 * Who is asking, as AUTH_SYS says, and what Unix permission bits let that identity do.
 *
 * <p>The server trusts the credential as an NFSv3 server without Kerberos does, after
 * {@link RootSquash} has mapped a claimed root to the anonymous identity. Root (only ever seen
 * with {@code no_root_squash}) may do anything except execute a file that has no execute bit at
 * all, as on Linux.
 *
 * @param squashed the credential claimed uid or gid 0 and was mapped to the anonymous identity;
 *                 such a caller may not set the set-user-ID or set-group-ID bits
 */
record Caller(int uid, int gid, int[] gids, boolean squashed) {

    static final int NOBODY = 65534;
    static final int READ = 4;
    static final int WRITE = 2;
    static final int EXEC = 1;

    static final Caller ROOT = new Caller(0, 0, new int[0], false);
    /** The set-user-ID and set-group-ID bits of a mode. */
    static final int SETID_BITS = 06000;

    boolean isRoot() {
        return uid == 0;
    }

    boolean inGroup(int group) {
        if (gid == group) {
            return true;
        }
        for (int g : gids) {
            if (g == group) {
                return true;
            }
        }
        return false;
    }

    /** Whether every bit of {@code want} (READ|WRITE|EXEC) is granted on {@code attrs}. */
    boolean may(FileAttrs attrs, int want) {
        int mode = attrs.permissions();
        if (isRoot()) {
            boolean exec = (want & EXEC) == 0 || attrs.isDirectory() || (mode & 0111) != 0;
            return exec;
        }
        int granted;
        if (uid == attrs.uid()) {
            granted = (mode >> 6) & 7;
        } else if (inGroup(attrs.gid())) {
            granted = (mode >> 3) & 7;
        } else {
            granted = mode & 7;
        }
        return (granted & want) == want;
    }

    boolean owns(FileAttrs attrs) {
        return isRoot() || uid == attrs.uid();
    }

    /**
     * Refuses a mode with set-ID bits from a squashed caller: a claimed root that may create
     * files must not be able to leave a set-ID program behind for others to run.
     */
    void requireMayUse(Integer mode) throws NfsFault {
        if (squashed && mode != null && (mode & SETID_BITS) != 0) {
            throw new NfsFault(NfsStatus.NFS3ERR_PERM, String.format(
                    "mode %04o: set-user-ID and set-group-ID bits are refused for a squashed root caller",
                    mode & 07777));
        }
    }

    /** Adding, removing or renaming entries of {@code dir} needs write and search permission on it. */
    void requireMayChange(FileAttrs dir) throws NfsFault {
        if (!may(dir, WRITE | EXEC)) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "no write permission on the directory");
        }
    }

    /**
     * In a sticky directory (mode 01000, like /tmp) only the entry's owner, the directory's owner
     * or root may remove or rename the entry {@code victim}, or replace it by a rename.
     */
    void requireMayUnlink(FileAttrs dir, FileAttrs victim) throws NfsFault {
        boolean sticky = (dir.permissions() & 01000) != 0;
        if (sticky && !isRoot() && uid != victim.uid() && uid != dir.uid()) {
            throw new NfsFault(NfsStatus.NFS3ERR_PERM, "sticky directory: not the owner");
        }
    }

    /**
     * Gives a file this caller just created to the caller, as knfsd does: the server (normally
     * root) chowns it to the AUTH_SYS uid and gid, or to the anonymous identity for a squashed
     * root. A symlink itself is changed, never what it points to. A server that may not chown
     * leaves the file its own.
     */
    void own(Path path) {
        if (isRoot()) {
            return;
        }
        try {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            // not root: the file stays the server's
        }
    }

    @Override
    public String toString() {
        return "uid=" + uid + " gid=" + gid + (squashed ? " (squashed)" : "");
    }
}
