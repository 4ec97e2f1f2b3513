package io.nfsdirect.cli;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.coordinator.sink.ByteTarget;
import io.nfsdirect.coordinator.sink.OrderedSink;
import io.nfsdirect.coordinator.sink.PositionalFileSink;
import io.nfsdirect.coordinator.sink.SinkHandle;
import io.nfsdirect.coordinator.sink.SinkStopped;
import io.nfsdirect.protocol.api.ChunkDigest;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoCounters;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import io.nfsdirect.worker.LocalChannels;
import io.nfsdirect.worker.Phases;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
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
 *
 * <p>Ctrl-C or SIGTERM during a request cancels it, and the transfer still waits for its ECANCELED
 * completion: chunks already on the wire, possibly on other nodes, are awaited by the request, so
 * once the command exits nothing of it is still writing. The command then fails with 128 + the
 * signal's number (130 for Ctrl-C).
 */
final class Transfers {

    /**
     * What one transfer did, for the summary line, {@code --stats} and the demo's table.
     *
     * @param counters what the request cost, as its completion reported ({@link IoCounters#NONE} when
     *                 no request ran)
     */
    record Outcome(String op, long bytes, int chunks, long elapsedNanos, IoCounters counters) {

        Outcome(String op, long bytes, int chunks, long elapsedNanos) {
            this(op, bytes, chunks, elapsedNanos, IoCounters.NONE);
        }

        static Outcome of(String op, IoCompletion c, long startNanos) {
            return new Outcome(op, c.bytes(), c.counters().chunks(), System.nanoTime() - startNanos, c.counters());
        }

        double megabytesPerSecond() {
            return elapsedNanos <= 0 ? 0 : bytes / 1e6 / (elapsedNanos / 1e9);
        }

        String summary() {
            String human = bytes < 1024 ? "" : " (" + Sizes.format(bytes) + ")";
            // Failover shows here too, not only with --stats: a re-dispatch is worth knowing about.
            String failover = counters.redispatched() == 0 ? "" : ", " + counters.redispatched() + " re-dispatched";
            return String.format(Locale.ROOT, "%s: %d bytes%s in %d chunk%s, %.2f s, %.1f MB/s%s", op, bytes, human,
                    chunks, chunks == 1 ? "" : "s", elapsedNanos / 1e9, megabytesPerSecond(), failover);
        }
    }

    /** A read whose bytes went into a SHA-256. */
    record Digested(Outcome outcome, byte[] sha256) {
    }

    private final NodeSession session;
    private final CommonOptions options;
    /** 128 + the signal that interrupted the last request, or 0. */
    private int interrupted;

    Transfers(NodeSession session) {
        this.session = session;
        this.options = session.options();
    }

    /**
     * Reads {@code [offset, offset + length)} of {@code url} into {@code file} at positions 0..,
     * through an {@link OutputFile}: the file only ever holds a completed read, and a read that
     * ends early leaves exactly its gapless prefix in {@code FILE.part}, as the error's line says.
     */
    Outcome readToFile(String url, long offset, long length, Path file) {
        try (OutputFile out = OutputFile.open(file); Progress bar = Progress.start(options.quiet, "read", length)) {
            out.presize(length);
            long start = System.nanoTime();
            IoCompletion c;
            SinkHandle sink = null;
            try {
                if (session.ownNode()) {
                    c = readIntoLocalFile(url, offset, length, out.channel(), file, bar);
                } else {
                    // A system actor at /system/file-sink-N, a large-message path: chunks read on other nodes reach it.
                    sink = PositionalFileSink.spawn(session.system(), out.channel(), offset, offset + length,
                            bar::step);
                    c = read("read", url, offset, length, sink, false, bar);
                }
            } catch (RuntimeException noCompletion) {
                // The coordinator was lost, or the wait broke: no count will come. A stopped sink
                // knows what it wrote without a gap; the node's own worker leaves nothing to vouch for.
                CliException failed = noCompletion instanceof CliException e ? e
                        : CliException.io("read " + url + ": " + Errors.message(noCompletion), noCompletion);
                throw failed.withDetail(out.keepPartial(sink == null ? 0 : writtenWithoutGap(sink)));
            }
            try {
                if (sink != null) {
                    check("read", url, c, sink, file.toString());
                } else {
                    failIfInterrupted("read " + url, c);
                    if (c.error() != null) {
                        throw CliException.of(c.error());
                    }
                }
            } catch (CliException failed) {
                // What the file holds from its start: the count, where a sink that failed has not
                // written all of it.
                long kept = sink == null ? c.bytes() : Math.min(c.bytes(), writtenWithoutGap(sink));
                throw failed.withDetail(out.keepPartial(kept));
            }
            out.commit(c.bytes());
            bar.stepTo(c.bytes());
            return Outcome.of("read", c, start);
        } catch (IOException e) {
            throw CliException.io("read " + url + ": " + file + ": " + Errors.message(e), e);
        }
    }

    /**
     * The read of a node of its own: its worker writes each chunk into the file itself, from the
     * buffer the READ filled, with no sink actor between. The completion comes once every chunk
     * has been written or has failed, so its count is what the file holds from its start.
     */
    private IoCompletion readIntoLocalFile(String url, long offset, long length, FileChannel out, Path file,
                                           Progress bar) {
        follow(bar, NodeStats::directBytesRead);
        long start = System.nanoTime();
        try (LocalChannels.Registration local = LocalChannels.get(session.system()).register(out, file.toString())) {
            String id = DirectIoClient.newRequestId();
            return await("read", start, id, session.client().read(id, url, offset, length,
                    new Sink.LocalFile(local.name(), 0), session.withNodes(options.ioOptions())).toCompletableFuture(),
                    bar);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.io("read " + url + ": interrupted", e);
        }
    }

    /** Reads the range in file order into {@code out} through a bounded reorder buffer. */
    Outcome readToStream(String url, long offset, long length, OutputStream out, String outName) {
        try (Progress bar = Progress.start(options.quiet, "read", length)) {
            long start = System.nanoTime();
            SinkHandle sink = orderedSink(offset, length, ByteTarget.of(out), bar);
            IoCompletion c = read("read", url, offset, length, sink, true, bar);
            check("read", url, c, sink, outName);
            return Outcome.of("read", c, start);
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
            IoCompletion c = read(op, url, offset, length, sink, true, bar);
            check(op, url, c, sink, "SHA-256");
            return new Digested(Outcome.of(op, c, start), digest.digest());
        }
    }

    /** A read whose chunks were hashed where they were read: their digests, in offset order. */
    record ChunkDigests(Outcome outcome, List<ChunkDigest> digests) {
    }

    /**
     * The CRC32C and SHA-256 of every chunk of the range, each computed by the worker that read
     * it ({@link Sink.Digest}): no chunk's data leaves the node that read it.
     */
    ChunkDigests chunkDigests(String op, String url, long offset, long length) {
        try (Progress bar = Progress.start(options.quiet, op, length)) {
            follow(bar, NodeStats::directBytesRead);
            long start = System.nanoTime();
            String id = DirectIoClient.newRequestId();
            IoCompletion c = await(op, start, id, session.client().read(id, url, offset, length, new Sink.Digest(),
                    session.withNodes(options.ioOptions())).toCompletableFuture(), bar);
            failIfInterrupted(op + " " + url, c);
            if (c.error() != null) {
                throw CliException.of(c.error());
            }
            bar.stepTo(c.bytes());
            return new ChunkDigests(Outcome.of(op, c, start), c.digests());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.io(op + " " + url + ": interrupted", e);
        }
    }

    /** Writes {@code length} bytes of the local {@code source} at {@code offset} of {@code url}. */
    Outcome write(String url, long offset, Path source, long length, IoOptions io) {
        try (Progress bar = Progress.start(options.quiet, "write", length)) {
            follow(bar, NodeStats::directBytesWritten);
            long start = System.nanoTime();
            // Read by the coordinator, on its node, at this path: see WriteCommand's help.
            WriteSource from = new WriteSource.LocalFile(source.toAbsolutePath().toString(), 0, length);
            IoOptions withNodes = session.withNodes(io);
            String id = DirectIoClient.newRequestId();
            IoCompletion c = await("write", start, id,
                    session.client().write(id, url, offset, from, withNodes).toCompletableFuture(), bar);
            failIfInterrupted("write " + url, c);
            if (c.error() != null) {
                throw CliException.of(c.error());
            }
            bar.stepTo(c.bytes());
            return Outcome.of("write", c, start);
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
            IoOptions withNodes = session.withNodes(io);
            String id = DirectIoClient.newRequestId();
            IoCompletion c = await("copy", start, id,
                    session.client().copy(id, source, target, 0, length, withNodes).toCompletableFuture(), bar);
            failIfInterrupted("copy " + source + " to " + target, c);
            if (c.error() != null) {
                throw CliException.of(c.error());
            }
            bar.stepTo(c.bytes());
            return Outcome.of("copy", c, start);
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            throw CliException.io("copy " + source + " to " + target + ": " + Errors.message(e), e);
        }
    }

    private SinkHandle orderedSink(long offset, long length, ByteTarget target, Progress bar) {
        OrderedSink.Settings settings = new OrderedSink.Settings(offset, offset + length,
                options.effectiveWindow(session.config()), options.stallTimeout(session.config()));
        // A system actor at /system/ordered-sink-N, a large-message path: chunks read on other nodes reach it.
        return OrderedSink.spawn(session.system(), settings, target, bar::step);
    }

    /**
     * Runs one streaming read and returns its completion once the sink has settled. A sink that
     * fails (its output broke) cancels the request, which then ends without reading the rest.
     *
     * @param ordered the sink is a reorder buffer, bounded by the window
     */
    private IoCompletion read(String op, String url, long offset, long length, SinkHandle sink, boolean ordered,
                              Progress bar) {
        DirectIoClient client = session.client();
        String id = DirectIoClient.newRequestId();
        long start = System.nanoTime();
        try {
            IoOptions io = session.withNodes(options.ioOptions());
            if (ordered && io.window() == 0) {
                // The reorder buffer is sized for this window; without it the coordinator would use
                // its own default, which on another node may be larger than the buffer allows.
                io = io.withWindow(options.effectiveWindow(session.config()));
            }
            CompletableFuture<IoCompletion> completion = client.read(id, url, offset, length, sink.asStreamSink(), io)
                    .toCompletableFuture();
            sink.result().whenComplete((r, failure) -> {
                if (failure != null) {
                    client.cancel(id);
                }
            });
            IoCompletion c = await(op, start, id, completion, bar);
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

    /**
     * Fails the command when the read or its sink failed; an interruption comes first (the sink
     * fails too when a cancel cuts it short), then the sink's own failure.
     */
    private void check(String op, String url, IoCompletion c, SinkHandle sink, String outName) {
        failIfInterrupted(op + " " + url, c);
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

    /** What a stopped file sink wrote from its start without a gap; 0 if it cannot tell. */
    private static long writtenWithoutGap(SinkHandle sink) {
        try {
            return sink.result().get(30, TimeUnit.SECONDS).bytes();
        } catch (SinkStopped stopped) {
            return stopped.contiguous();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            return 0;
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
            long base = session.total(counter);
            bar.follow(() -> session.total(counter) - base);
        }
    }

    /**
     * Waits for request {@code id}'s completion. A signal meanwhile cancels the request and the
     * wait goes on, for the ECANCELED completion; {@link #failIfInterrupted} then ends the command.
     * The signal stops {@code bar} first, so that the notice starts a line of its own.
     */
    private IoCompletion await(String op, long start, String id, CompletableFuture<IoCompletion> io, Progress bar)
            throws InterruptedException {
        try (Signals.Handling signals = Signals.handle(session.err(), bar::close,
                "interrupted: cancelling the request and waiting for its chunks in flight",
                () -> session.client().cancel(id))) {
            IoCompletion c = DirectIoClient.await(io);
            Phases.mark("transfer");
            interrupted = signals.status();
            // Every completion counts for --stats, a failed or cancelled one too.
            session.record(Outcome.of(op, c, start));
            if (c.retried() && !options.quiet) {
                session.err().println(Errors.PREFIX + op + ": the coordinator was lost, and the request was run "
                        + "again on another one");
            }
            return c;
        }
    }

    /** After a signal, the command ends with 128 + its number, and the completion's error line if any. */
    private void failIfInterrupted(String what, IoCompletion c) {
        if (interrupted == 0) {
            return;
        }
        String message = c.error() != null ? c.error().message()
                : what + ": interrupted, after the request had completed (" + c.bytes() + " bytes)";
        throw new CliException(interrupted, message);
    }
}
