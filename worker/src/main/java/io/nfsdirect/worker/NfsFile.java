package io.nfsdirect.worker;

import java.util.Objects;

import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;

/**
 * A file or directory found by {@link Nfs3Client#resolve(NfsUrl)}: where it was asked for, the
 * export it lives in, and the handles to use. The handles stay valid until the server calls them
 * stale (ESTALE); then resolving the URL again finds the current ones.
 *
 * @param url        the URL as given
 * @param export     the export that holds it, exactly as the server lists it
 * @param root       the handle MNT returned for the export
 * @param handle     the handle of the file itself (equal to root for the export itself)
 * @param attributes its attributes at resolve time, or null if the server sent none
 */
public record NfsFile(NfsUrl url, String export, NfsFh3 root, NfsFh3 handle, Fattr3 attributes) {

    public NfsFile {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(handle, "handle");
    }

    /** True if the attributes say directory; false if they say otherwise or are unknown. */
    public boolean isDirectory() {
        return attributes != null && attributes.type == Nfs3.NF3DIR;
    }

    /** The size from the attributes, or -1 if the server sent none. */
    public long size() {
        return attributes == null ? -1 : attributes.size;
    }
}
