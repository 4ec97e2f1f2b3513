package io.nfsdirect.server;

import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;

/**
 * Who is asking, as AUTH_SYS says, and what Unix permission bits let that identity do.
 *
 * <p>The server trusts the credential exactly as an NFSv3 server without Kerberos does (and as
 * the exports here are loopback or a private demo network, that is the intended model). AUTH_NONE
 * and anything unknown become nobody (65534), so they get only the "other" bits. Root may do
 * anything except execute a file that has no execute bit at all, as on Linux.
 */
record Caller(int uid, int gid, int[] gids) {

    static final int NOBODY = 65534;
    static final int READ = 4;
    static final int WRITE = 2;
    static final int EXEC = 1;

    static final Caller ROOT = new Caller(0, 0, new int[0]);

    static Caller of(RpcAuth auth) {
        if (auth instanceof RpcAuthTypeUnix unix) {
            int[] gids = unix.gids();
            return new Caller(unix.uid(), unix.gid(), gids == null ? new int[0] : gids);
        }
        return new Caller(NOBODY, NOBODY, new int[0]);
    }

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

    @Override
    public String toString() {
        return "uid=" + uid + " gid=" + gid;
    }
}
