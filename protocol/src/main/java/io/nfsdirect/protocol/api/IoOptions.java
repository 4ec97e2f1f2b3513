package io.nfsdirect.protocol.api;

import java.util.List;

/**
 * Per-request tuning and credentials.
 *
 * @param rsize  read transfer size; 0 takes the server's preferred size, capped by its rtmax
 * @param wsize  write transfer size; 0 takes the server's preferred size, capped by its wtmax
 * @param window chunks in flight at once; 0 takes {@code nfs-direct.window}
 * @param stable every WRITE is FILE_SYNC instead of UNSTABLE + COMMIT
 * @param create a write creates the file when it is missing
 * @param append an O_APPEND-style request; always refused, NFS has no atomic append
 * @param uid    AUTH_SYS uid, -1 for the node's default
 * @param gid    AUTH_SYS gid, -1 for the node's default
 * @param nodes  worker node addresses the request may use; empty for any
 */
public record IoOptions(int rsize, int wsize, int window, boolean stable, boolean create, boolean append,
                        int uid, int gid, List<String> nodes) implements CborSerializable {

    public static final IoOptions DEFAULT = new IoOptions(0, 0, 0, false, true, false, -1, -1, List.of());

    public IoOptions {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public IoOptions withRsize(int v) { return new IoOptions(v, wsize, window, stable, create, append, uid, gid, nodes); }
    public IoOptions withWsize(int v) { return new IoOptions(rsize, v, window, stable, create, append, uid, gid, nodes); }
    public IoOptions withWindow(int v) { return new IoOptions(rsize, wsize, v, stable, create, append, uid, gid, nodes); }
    public IoOptions withStable(boolean v) { return new IoOptions(rsize, wsize, window, v, create, append, uid, gid, nodes); }
    public IoOptions withCreate(boolean v) { return new IoOptions(rsize, wsize, window, stable, v, append, uid, gid, nodes); }
    public IoOptions withAppend(boolean v) { return new IoOptions(rsize, wsize, window, stable, create, v, uid, gid, nodes); }
    public IoOptions withCredentials(int u, int g) { return new IoOptions(rsize, wsize, window, stable, create, append, u, g, nodes); }
    public IoOptions withNodes(List<String> v) { return new IoOptions(rsize, wsize, window, stable, create, append, uid, gid, v); }
}
