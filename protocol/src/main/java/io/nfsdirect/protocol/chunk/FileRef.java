package io.nfsdirect.protocol.chunk;

import io.nfsdirect.protocol.api.CborSerializable;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An NFS file as any node can reach it: the server's address, the credentials to use and the
 * opaque handle. Handles are valid on every client of the server, so a chunk can be served by a
 * worker that never looked the file up.
 *
 * @param url the {@code nfs://} URL the user gave, for error messages
 */
public record FileRef(String host, int nfsPort, int mountPort, byte[] handle, int uid, int gid, String url)
        implements CborSerializable {

    @Override
    public boolean equals(Object o) {
        return o instanceof FileRef f && f.host.equals(host) && f.nfsPort == nfsPort && f.mountPort == mountPort
                && Arrays.equals(f.handle, handle) && f.uid == uid && f.gid == gid && f.url.equals(url);
    }

    @Override
    public int hashCode() {
        return url.hashCode() * 31 + Arrays.hashCode(handle);
    }

    @Override
    public String toString() {
        return "FileRef[" + url + " fh=" + HexFormat.of().formatHex(handle) + " as " + uid + ":" + gid + "]";
    }
}
