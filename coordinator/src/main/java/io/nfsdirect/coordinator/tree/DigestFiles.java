package io.nfsdirect.coordinator.tree;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.coordinator.sink.ByteTarget;
import io.nfsdirect.coordinator.sink.OrderedSink;
import io.nfsdirect.coordinator.sink.SinkHandle;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The SHA-256 of each regular file of a tree: each file is one read whose chunks come to an
 * {@link OrderedSink} on this node, which feeds the digest in file order and holds at most the
 * file's window of chunks. Directories and links need nothing: a manifest lists files.
 */
public final class DigestFiles implements FileAction {

    private final ActorSystem<?> system;
    private final DirectIoClient client;
    private final NfsUrl root;
    private final IoOptions io;
    private final Duration stallTimeout;

    /**
     * @param io           each file's request options; its window, which must be set, also bounds
     *                     the chunks the sink holds
     * @param stallTimeout how long a sink waits for a missing chunk before it fails the file
     */
    public DigestFiles(ActorSystem<?> system, DirectIoClient client, NfsUrl root, IoOptions io, Duration stallTimeout) {
        if (io.window() < 1) {
            throw new IllegalArgumentException("a digest's window must be set: " + io.window());
        }
        this.system = system;
        this.client = client;
        this.root = root;
        this.io = io;
        this.stallTimeout = stallTimeout;
    }

    @Override
    public CompletionStage<Void> directory(TreeEntry directory) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> symlink(TreeEntry link) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<FileResult> file(TreeEntry file, String requestId, LongConsumer progress) {
        MessageDigest digest = sha256();
        long size = file.attributes().size;
        if (size == 0) {
            return CompletableFuture.completedFuture(new FileResult(0, digest.digest()));
        }
        String url = root.child(file.path()).toString();
        SinkHandle sink = OrderedSink.spawn(system, new OrderedSink.Settings(0, size, io.window(), stallTimeout),
                ByteTarget.of(digest), progress);
        sink.result().whenComplete((r, failure) -> {
            if (failure != null) {
                client.cancel(requestId);
            }
        });
        return client.read(requestId, url, 0, size, sink.asStreamSink(), io)
                .thenCompose(c -> settled(c, sink, url))
                .thenApply(bytes -> new FileResult(bytes, digest.digest()))
                .whenComplete((r, failure) -> sink.stop());
    }

    /**
     * The bytes summed once the sink has taken every one the request counted. A file that shrank
     * since the scan ends short, and is summed as it now is.
     */
    static CompletionStage<Long> settled(IoCompletion c, SinkHandle sink, String url) {
        if (c.error() != null) {
            return CompletableFuture.failedFuture(c.error().raise());
        }
        sink.end(c.bytes());
        return sink.result().orTimeout(60, TimeUnit.SECONDS).thenApply(r -> c.bytes());
    }

    @Override
    public void cancel(String requestId) {
        client.cancel(requestId);
    }

    @Override
    public CompletionStage<Void> finish() {
        return CompletableFuture.completedFuture(null);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
