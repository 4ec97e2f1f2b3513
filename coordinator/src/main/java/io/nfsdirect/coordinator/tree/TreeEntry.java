package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;

/**
 * One entry a tree scan found: its path relative to the root ({@code /}-separated, no leading
 * {@code /}), its handle and its attributes as READDIRPLUS (or the LOOKUP that filled a gap in
 * it) gave them.
 */
public record TreeEntry(String path, NfsFh3 handle, Fattr3 attributes) {

    public boolean isDirectory() {
        return attributes.type == Nfs3.NF3DIR;
    }

    public boolean isRegularFile() {
        return attributes.type == Nfs3.NF3REG;
    }

    public boolean isSymlink() {
        return attributes.type == Nfs3.NF3LNK;
    }
}
