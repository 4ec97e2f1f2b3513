package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.nfs3.Fattr3;
import java.util.concurrent.CompletionStage;

/**
 * The copy a {@link TreeSync} compares its source with and, in a sync, brings up to date: a local
 * directory ({@link LocalSyncTarget}) or an NFS one ({@link NfsSyncTarget}). Paths are relative
 * to the copy's root, as the source's entries name them; the job hands a directory over before
 * anything inside it, so a target may resolve a path through its directory's visit.
 */
public interface SyncTarget {

    /**
     * The copy's entry at {@code path}, as lstat(2) would describe it (a symlink is not followed),
     * or null when the copy has none.
     */
    CompletionStage<Fattr3> attributes(String path);

    /** The text of the copy's symlink at {@code path}, which {@link #attributes} found to be one. */
    CompletionStage<String> linkText(String path);

    /**
     * The SHA-256 of the copy's file at {@code path}, of {@code attributes}' size, as the request
     * {@code requestId} where it is a direct read (a cancel names it).
     */
    CompletionStage<byte[]> sha256(String path, Fattr3 attributes, String requestId);

    /** Sets the rwx bits (and, on NFS, the rest of {@code mode}'s permission bits) of the copy's {@code path}. */
    CompletionStage<Void> setMode(String path, int mode);

    /** Stops the direct read {@code requestId} of {@link #sha256}, if it runs. */
    void cancel(String requestId);

    /** What a sync writes with: makes directories, links and files equal to the source's. */
    FileAction copy();

    /** The copy's {@code path} as an error line names it. */
    String where(String path);
}
