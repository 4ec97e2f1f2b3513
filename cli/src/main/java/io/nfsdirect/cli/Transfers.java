package io.nfsdirect.cli;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.coordinator.sink.ByteTarget;
import io.nfsdirect.coordinator.sink.OrderedSink;
import io.nfsdirect.coordinator.sink.PositionalFileSink;
import io.nfsdirect.coordinator.sink.SinkHandle;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.protocol.api.WriteSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;

/**
 * The direct transfers the commands are made of, each one request on the command's node: a read
 * into a local file (positional, any order), a read streamed in order to an OutputStream or a
 * SHA-256, a write from a local file, and an NFS-to-NFS copy through the Copy path.
 *
 * <p>A read's data goes to a sink actor; the request's completion only comes once every chunk
 * was acknowledged, that is consumed. If the sink fails first (the output cannot be written), the
 * request is cancelled and the sink's failure is what the user sees; otherwise the completion's
 * first error is.
 */
final class Transfers {

    /** What one transfer did, for the summary line and the demo's table. */
    record Outcome(String op, long bytes, int chunks, long elapsedNanos) {

        double megabytesPerSecond() {
            return elapsedNanos <= 0 ? 0 : bytes / 1e6 / (elapsedNanos / 1e9);
        }

        String summary() {
            String human = bytes < 1024 ? "" : " (" + Sizes.format(bytes) + ")";
            return String.format(Locale.ROOT, "%s: %d bytes%s in %d chunk%s, %.2f s, %.1f MB/s", op, bytes, human,
                    chunks, chunks == 1 ? "" : "s", elapsedNanos / 1e9, megabytesPerSecond());
        }
    }

    /** A read whose bytes went into a SHA-256. */
    record Digested(Outcome outcome, byte[] sha256) {
    }

    private final NodeSession session;
    private final CommonOptions options;

    Transfers(NodeSession session) {
        this.session = session;
        this.options = session.options();
    }

    /** Reads {@code [offset, offset + length)} of {@code url} into {@code file} at positions 0.., pre-sized. */
    Outcome readToFile(String url, long offset, long length, Path file) {
        boolean regular = !Files.exists(file) || Files.isRegularFile(file);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
             Progress bar = Progress.start(options.quiet, "read", length)) {
            if (regular) {
                out.setLength(0);
                out.setLength(length);
            }
            long start = System.nanoTime();
            SinkHandle sink = PositionalFileSink.spawn(session.node().system(), out.getChannel(), offset,
                    offset + length, bar::step);
            IoCompletion c = read(url, offset, length, sink);
            if (regular && c.bytes() < length) {
                // EOF or an error: what remains is exactly the part that was read.
                out.setLength(c.bytes());
            }
            check("read", url, c, sink, file.toString());
            return new Outcome("read", c.bytes(), c.counters().chunks(), System.nanoTime() - start);
        } catch (IOException e) {
            throw CliException.io("read " + url + ": " + file + ": " + Errors.message(e), e);
        }
    }

    /** Reads the range in file order into {@code out} through a bounded reorder buffer. */
    Outcome readToStream(String url, long offset, long length, OutputStream out, String outName) {
        try (Progress bar = Progress.start(options.quiet, "read", length)) {
            long start = System.nanoTime();
            SinkHandle sink = orderedSink(offset, length, ByteTarget.of(out), bar);
            IoCompletion c = read(url, offset, length, sink);
            check("read", url, c, sink, outName);
            return new Outcome("read", c.bytes(), c.counters().chunks(), System.nanoTime() - start);
        }
    }

    /** The SHA-256 of the range, fed in file order from a Stream sink. */
    Digested sha256(String op, String url, long offset, long length) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try (Progress bar = Progress.start(options.quiet, op, length)) {
            long start = System.nanoTime();
            SinkHandle sink = orderedSink(offset, length, ByteTarget.of(digest), bar);
            IoCompletion c = read(url, offset, length, sink);
            check(op, url, c, sink, "SHA-256");
            return new Digested(new Outcome(op, c.bytes(), c.counters().chunks(), System.nanoTime() - start),
                    digest.digest());
        }
    }

    /** Writes {@code length} bytes of the local {@code source} at {@code offset} of {@code url}. */
    Outcome write(String url, long offset, Path source, long length, IoOptions io) {
        try (Progress bar = Progress.start(options.quiet, "write", length)) {
            follow(bar, NodeStats::directBytesWritten);
            long start = System.nanoTime();
            WriteSource from = new WriteSource.LocalFile(source.toAbsolutePath().toString(), 0, length);
            IoCompletion c = await(session.client().write(DirectIoClient.newRequestId(), url, offset, from, io)
                    .toCompletableFuture());
            if (c.error() != null) {
                throw CliException.of(c.error());
            }
            bar.stepTo(c.bytes());
            return new Outcome("write", c.bytes(), c.counters().chunks(), System.nanoTime() - start);
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            throw CliException.io("write " + url + ": " + Errors.message(e), e);
        }
    }

    /** Copies {@code [0, length)} of {@code source} to the same offsets of {@code target}, worker to worker. */
    Outcome copy(String source, String target, long length, IoOptions io) {
        try (Progress bar = Progress.start(options.quiet, "copy", length)) {
            follow(bar, NodeStats::directBytesWritten);
            long start = System.nanoTime();
            IoCompletion c = await(session.client().copy(DirectIoClient.newRequestId(), source, target, 0, length, io)
                    .toCompletableFuture());
            if (c.error() != null) {
                throw CliException.of(c.error());
            }
            bar.stepTo(c.bytes());
            return new Outcome("copy", c.bytes(), c.counters().chunks(), System.nanoTime() - start);
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            throw CliException.io("copy " + source + " to " + target + ": " + Errors.message(e), e);
        }
    }

    private SinkHandle orderedSink(long offset, long length, ByteTarget target, Progress bar) {
        OrderedSink.Settings settings = new OrderedSink.Settings(offset, offset + length,
                options.effectiveWindow(session.config()), options.stallTimeout(session.config()));
        return OrderedSink.spawn(session.node().system(), settings, target, bar::step);
    }

    /**
     * Runs one streaming read and returns its completion once the sink has settled. A sink that
     * fails (its output broke) cancels the request, which then ends without reading the rest.
     */
    private IoCompletion read(String url, long offset, long length, SinkHandle sink) {
        DirectIoClient client = session.client();
        String id = DirectIoClient.newRequestId();
        try {
            CompletableFuture<IoCompletion> io = client.read(id, url, offset, length, sink.asStreamSink(),
                    options.ioOptions()).toCompletableFuture();
            sink.result().whenComplete((r, failure) -> {
                if (failure != null) {
                    client.cancel(id);
                }
            });
            IoCompletion c = await(io);
            if (c.error() == null && c.bytes() < length) {
                sink.end(offset + c.bytes());
            }
            if (c.error() == null) {
                // The last ack can overtake the sink's own bookkeeping by a moment.
                try {
                    sink.result().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // Reported by check().
                }
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.cancel(id);
            throw CliException.io("read " + url + ": interrupted", e);
        } finally {
            sink.stop();
        }
    }

    /** Fails the command when the read or its sink failed; the sink's own failure comes first. */
    private static void check(String op, String url, IoCompletion c, SinkHandle sink, String outName) {
        Throwable sinkFailure = failure(sink.result());
        boolean stalled = sinkFailure instanceof OrderedSink.StalledException;
        if (sinkFailure != null && !stalled && !(sinkFailure instanceof CancellationException)) {
            throw CliException.io(op + " " + url + ": writing " + outName + ": " + Errors.message(sinkFailure),
                    sinkFailure);
        }
        if (c.error() != null) {
            throw CliException.of(c.error());
        }
        if (sinkFailure != null) {
            throw CliException.io(op + " " + url + ": " + Errors.message(sinkFailure), sinkFailure);
        }
        if (!sink.result().isDone()) {
            throw CliException.io(op + " " + url + ": the data of the last chunks never reached " + outName, null);
        }
    }

    private static Throwable failure(CompletableFuture<?> future) {
        if (!future.isCompletedExceptionally()) {
            return null;
        }
        try {
            future.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    /**
     * Steps a shown progress bar from the node's counters: writes and copies have no sink to
     * count bytes as they pass. Costs nothing when no bar is shown.
     */
    private void follow(Progress bar, ToLongFunction<NodeStats> counter) {
        if (bar.shown()) {
            long base = counter.applyAsLong(session.stats());
            bar.follow(() -> counter.applyAsLong(session.stats()) - base);
        }
    }

    private static IoCompletion await(CompletableFuture<IoCompletion> io) throws InterruptedException {
        return DirectIoClient.await(io);
    }
}
