package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.worker.Nfs3Client;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An NFS copy of a tree, for {@link TreeSync}: each entry is looked up in its directory, whose
 * handle the {@link NfsCopy} holds from the directory's visit (made by a sync, found by a verify);
 * a file's digest is a direct read of it through {@link DigestFiles}, as the source's is.
 */
public final class NfsSyncTarget implements SyncTarget {

    private final NfsCopy copy;
    private final Nfs3Client client;
    private final DigestFiles digests;
    private final NfsUrl root;
    private final String what;

    /**
     * @param copy    the copy into {@code root}, whose directory handles this target resolves paths with
     * @param client  the target server's client
     * @param digests sums of the files under {@code root}
     */
    public NfsSyncTarget(NfsCopy copy, Nfs3Client client, DigestFiles digests, NfsUrl root, String what) {
        this.copy = copy;
        this.client = client;
        this.digests = digests;
        this.root = root;
        this.what = what;
    }

    @Override
    public CompletionStage<Fattr3> attributes(String path) {
        return lookup(path).thenCompose(found -> {
            if (found == null) {
                return CompletableFuture.completedFuture(null);
            }
            CompletionStage<Fattr3> attributes = found.objAttributes != null && found.objAttributes.attributes != null
                    ? CompletableFuture.completedFuture(found.objAttributes.attributes)
                    : client.getattr(found.object).thenApply(res -> {
                        if (res.status != Nfs3.NFS3_OK) {
                            throw IoError.status(NfsStatus.of(res.status), what + ": getattr " + where(path), -1)
                                    .raise();
                        }
                        return res.objAttributes;
                    });
            return attributes.thenApply(a -> {
                if (a.type == Nfs3.NF3DIR) {
                    copy.foundDirectory(path, found.object);
                }
                return a;
            });
        });
    }

    @Override
    public CompletionStage<String> linkText(String path) {
        return lookup(path).thenCompose(found -> {
            if (found == null) {
                throw IoError.status(NfsStatus.NFS3ERR_NOENT, what + ": readlink " + where(path), -1).raise();
            }
            return client.readlink(found.object);
        }).thenApply(res -> {
            if (res.status != Nfs3.NFS3_OK) {
                throw IoError.status(NfsStatus.of(res.status), what + ": readlink " + where(path), -1).raise();
            }
            return res.data;
        });
    }

    @Override
    public CompletionStage<byte[]> sha256(String path, Fattr3 attributes, String requestId) {
        return digests.file(new TreeEntry(path, null, attributes), requestId, bytes -> { })
                .thenApply(FileAction.FileResult::sha256);
    }

    @Override
    public CompletionStage<Void> setMode(String path, int mode) {
        Sattr3 set = new Sattr3(mode & 07777, null, null, null, Nfs3.DONT_CHANGE, null, Nfs3.DONT_CHANGE, null);
        return lookup(path).thenCompose(found -> {
            if (found == null) {
                throw IoError.status(NfsStatus.NFS3ERR_NOENT, what + ": setattr " + where(path), -1).raise();
            }
            return client.setattr(new Setattr3Args(found.object, set, null));
        }).thenAccept(res -> {
            if (res.status != Nfs3.NFS3_OK) {
                throw IoError.status(NfsStatus.of(res.status), what + ": setattr " + where(path), -1).raise();
            }
        });
    }

    @Override
    public void cancel(String requestId) {
        digests.cancel(requestId);
    }

    @Override
    public FileAction copy() {
        return copy;
    }

    @Override
    public String where(String path) {
        return root.child(path).toString();
    }

    /** The LOOKUP of {@code path} in its directory; null when it, or its directory, is not there. */
    private CompletionStage<Lookup3Res> lookup(String path) {
        NfsFh3 dir = copy.directoryHandle(NfsCopy.parentPath(path));
        if (dir == null) {
            return CompletableFuture.completedFuture(null);
        }
        return client.lookup(dir, NfsCopy.name(path)).thenApply(found -> {
            if (found.status == NfsStatus.NFS3ERR_NOENT.code()) {
                return null;
            }
            if (found.status != Nfs3.NFS3_OK) {
                throw IoError.status(NfsStatus.of(found.status), what + ": look up " + where(path), -1).raise();
            }
            return found;
        });
    }
}
