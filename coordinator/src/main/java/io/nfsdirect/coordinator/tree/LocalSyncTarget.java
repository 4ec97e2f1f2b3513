package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.nfs3.Fattr3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A local copy of a tree, for {@link TreeSync}: read with lstat(2) on the caller's thread (the
 * job's blocking dispatcher), hashed on {@code blocking}, and written by a {@link LocalCopy}.
 */
public final class LocalSyncTarget implements SyncTarget {

    private final LocalCopy copy;
    private final Executor blocking;
    private final String what;

    /**
     * @param blocking where local files are read for their digests
     * @param what     the job's name in error lines
     */
    public LocalSyncTarget(LocalCopy copy, Executor blocking, String what) {
        this.copy = copy;
        this.blocking = blocking;
        this.what = what;
    }

    @Override
    public CompletionStage<Fattr3> attributes(String path) {
        try {
            return CompletableFuture.completedFuture(LocalAttributes.of(copy.local(path)));
        } catch (NoSuchFileException e) {
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(LocalErrors.raised(e, what + ": " + where(path)));
        }
    }

    @Override
    public CompletionStage<String> linkText(String path) {
        try {
            return CompletableFuture.completedFuture(Files.readSymbolicLink(copy.local(path)).toString());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(LocalErrors.raised(e, what + ": readlink " + where(path)));
        }
    }

    @Override
    public CompletionStage<byte[]> sha256(String path, Fattr3 attributes, String requestId) {
        return CompletableFuture.supplyAsync(() -> {
            MessageDigest digest = DigestFiles.sha256();
            byte[] buffer = new byte[1 << 20];
            try (InputStream in = Files.newInputStream(copy.local(path))) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw LocalErrors.raised(e, what + ": reading " + where(path));
            }
            return digest.digest();
        }, blocking);
    }

    @Override
    public CompletionStage<Void> setMode(String path, int mode) {
        try {
            Files.setPosixFilePermissions(copy.local(path), LocalCopy.permissions(mode));
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(LocalErrors.raised(e, what + ": chmod " + where(path)));
        }
    }

    @Override
    public void cancel(String requestId) {
        // a local digest is not a request: it ends with its file
    }

    @Override
    public FileAction copy() {
        return copy;
    }

    @Override
    public String where(String path) {
        Path p = copy.local(path);
        return p.toString();
    }
}
