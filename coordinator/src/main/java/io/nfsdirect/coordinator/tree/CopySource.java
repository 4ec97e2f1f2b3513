package io.nfsdirect.coordinator.tree;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.WriteSource;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.worker.Nfs3Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a tree copy to NFS ({@link NfsCopy}) takes each file's data and each link's text from:
 * another NFS tree, whose data goes worker to target through the Copy path, or a local tree on the
 * coordinator's node, whose data goes out as direct WRITEs read from the file as chunks are sent.
 */
public interface CopySource {

    /**
     * Writes {@code [offset, offset + length)} of {@code file} at the same place of {@code target},
     * which exists, as the direct request {@code requestId}; completes with the bytes written, all
     * of them stable (committed).
     */
    CompletionStage<Long> fill(DirectIoClient client, String requestId, TreeEntry file, long offset, long length,
                               String target, IoOptions io);

    /** The text of the symlink {@code link}. */
    CompletionStage<String> linkText(TreeEntry link, String what);

    /** The tree under {@code root} on an NFS server, which {@code client} talks to. */
    static CopySource nfs(Nfs3Client client, NfsUrl root) {
        return new CopySource() {
            @Override
            public CompletionStage<Long> fill(DirectIoClient direct, String requestId, TreeEntry file, long offset,
                                              long length, String target, IoOptions io) {
                String from = root.child(file.path()).toString();
                return direct.copy(requestId, from, target, offset, length, io).thenApply(CopySource::bytes);
            }

            @Override
            public CompletionStage<String> linkText(TreeEntry link, String what) {
                return client.readlink(link.handle()).thenApply(res -> {
                    if (res.status != Nfs3.NFS3_OK) {
                        throw IoError.status(NfsStatus.of(res.status), what + ": readlink " + link.path(), -1).raise();
                    }
                    return res.data;
                });
            }
        };
    }

    /**
     * The local tree under {@code root}, read by the coordinator at its absolute path: the
     * coordinator must see it there (it is this node, or shares the storage).
     */
    static CopySource local(Path root) {
        Path absolute = root.toAbsolutePath();
        return new CopySource() {
            @Override
            public CompletionStage<Long> fill(DirectIoClient direct, String requestId, TreeEntry file, long offset,
                                              long length, String target, IoOptions io) {
                WriteSource from = new WriteSource.LocalFile(absolute.resolve(file.path()).toString(), offset, length);
                return direct.write(requestId, target, offset, from, io).thenApply(CopySource::bytes);
            }

            @Override
            public CompletionStage<String> linkText(TreeEntry link, String what) {
                try {
                    return CompletableFuture.completedFuture(
                            Files.readSymbolicLink(absolute.resolve(link.path())).toString());
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(LocalErrors.raised(e, what + ": readlink " + link.path()));
                }
            }
        };
    }

    private static long bytes(IoCompletion c) {
        if (c.error() != null) {
            throw c.error().raise();
        }
        return c.bytes();
    }
}
