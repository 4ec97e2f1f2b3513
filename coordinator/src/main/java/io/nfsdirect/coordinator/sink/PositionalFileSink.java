package io.nfsdirect.coordinator.sink;

import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.worker.ChunkBuffers;
import io.nfsdirect.worker.LocalChannels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A {@link io.nfsdirect.protocol.api.Sink.Stream} consumer that writes each chunk into a local
 * file at its own position, in whatever order chunks arrive: the file-backed "user buffer" of a
 * direct read. The byte at file offset {@code start + i} of the read lands at position
 * {@code position + i} of the channel ({@code position} is 0 unless given). Each chunk is acknowledged once it is written, so nothing is held.
 *
 * <p>The channel belongs to the caller, who opens it (and pre-sizes it, if wanted) before the
 * read and closes it after the sink's result; the sink only writes. Lifetime: from spawn until
 * its owner sends {@link SinkControl.Stop}. The result completes when the contiguous range from
 * {@code start} to the end was written, and fails on the first write error. After a failure the
 * sink keeps acknowledging (and dropping) chunks, because an acknowledgement only frees the
 * request's window: whether the bytes landed is for the result to say, and the caller must check
 * it before it trusts the request's completion.
 */
public final class PositionalFileSink {

    private static final AtomicLong NAMES = new AtomicLong();

    private PositionalFileSink() {
    }

    /**
     * Spawns a sink as a system actor on the blocking-I/O dispatcher (file writes block), for
     * callers that are not actors. {@code progress} hears the byte count of every chunk written.
     */
    public static SinkHandle spawn(ActorSystem<?> system, FileChannel channel, long start, long end,
                                   LongConsumer progress) {
        return spawn(system, channel, start, end, 0, progress);
    }

    /**
     * The same with the read's first byte at channel position {@code position}: a piece of a file
     * written into its place in a copy of the whole file.
     */
    public static SinkHandle spawn(ActorSystem<?> system, FileChannel channel, long start, long end, long position,
                                   LongConsumer progress) {
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        var ref = system.systemActorOf(create(channel, start, end, position, progress, result),
                "file-sink-" + NAMES.incrementAndGet(), DispatcherSelector.blocking());
        return new SinkHandle(ref, result);
    }

    /**
     * The sink's behavior: accepts {@link ChunkData} and {@link SinkControl}.
     *
     * @param start file offset of the read's first byte; it goes to channel position 0
     * @param end   file offset just past the read's last byte
     */
    public static Behavior<Object> create(FileChannel channel, long start, long end, LongConsumer progress,
                                          CompletableFuture<SinkResult> result) {
        return create(channel, start, end, 0, progress, result);
    }

    /** The same, {@code start} going to channel position {@code position}. */
    public static Behavior<Object> create(FileChannel channel, long start, long end, long position,
                                          LongConsumer progress, CompletableFuture<SinkResult> result) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(result, "result");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
        LongConsumer onProgress = progress == null ? n -> { } : progress;
        return Behaviors.setup(ctx -> new Writer(channel, start, end, position, onProgress, result).receiving());
    }

    /** The mutable state of one sink, confined to its actor. */
    private static final class Writer {
        private final FileChannel channel;
        private final long start;
        /** Where {@code start} goes in the channel. */
        private final long position;
        private final LongConsumer progress;
        private final CompletableFuture<SinkResult> result;
        /** Written ranges beyond the contiguous prefix, start to end; bounded by the request's window. */
        private final TreeMap<Long, Long> islands = new TreeMap<>();
        private long contiguous;
        private long end;
        private long chunks;

        Writer(FileChannel channel, long start, long end, long position, LongConsumer progress,
               CompletableFuture<SinkResult> result) {
            this.channel = channel;
            this.start = start;
            this.position = position;
            this.end = end;
            this.progress = progress;
            this.result = result;
            this.contiguous = start;
        }

        Behavior<Object> receiving() {
            completeIfDone();
            return Behaviors.receive(Object.class)
                    .onMessage(ChunkData.class, this::onChunk)
                    .onMessage(SinkControl.End.class, m -> {
                        end = Math.max(start, Math.min(end, m.endOffset()));
                        completeIfDone();
                        return Behaviors.same();
                    })
                    .onMessage(SinkControl.Stop.class, m -> {
                        result.completeExceptionally(new SinkStopped(contiguous - start,
                                "the sink was stopped with " + (contiguous - start) + " bytes written"));
                        return Behaviors.stopped();
                    })
                    .build();
        }

        private Behavior<Object> onChunk(ChunkData d) {
            long from = Math.max(d.offset(), start);
            long to = Math.min(d.offset() + d.bytes().length, end);
            if (result.isDone() || to <= from) {
                ack(d);
                return Behaviors.same();
            }
            try {
                ByteBuffer buf = ByteBuffer.wrap(d.bytes(), Math.toIntExact(from - d.offset()), Math.toIntExact(to - from));
                LocalChannels.writeFully(channel, buf, from - start + position);
            } catch (IOException | RuntimeException e) {
                ack(d);
                result.completeExceptionally(e);
                return Behaviors.same();
            }
            ack(d);
            chunks++;
            progress.accept(to - from);
            record(from, to);
            completeIfDone();
            return Behaviors.same();
        }

        /** Adds [from, to) to what was written and advances the contiguous prefix over it. */
        private void record(long from, long to) {
            if (to <= contiguous) {
                return;
            }
            if (from > contiguous) {
                Long existing = islands.get(from);
                islands.put(from, existing == null ? to : Math.max(existing, to));
                return;
            }
            contiguous = to;
            for (Map.Entry<Long, Long> first = islands.firstEntry(); first != null && first.getKey() <= contiguous;
                 first = islands.firstEntry()) {
                islands.pollFirstEntry();
                contiguous = Math.max(contiguous, first.getValue());
            }
        }

        private void completeIfDone() {
            if (contiguous >= end && !result.isDone()) {
                result.complete(new SinkResult(end - start, chunks, 0));
            }
        }
    }

    /** The one place a chunk is let go: acked, and its array handed back for the next chunk read here. */
    private static void ack(ChunkData d) {
        if (d.ackTo() != null) {
            d.ackTo().tell(d.ack());
        }
        ChunkBuffers.shared().giveBack(d.bytes());
    }
}
