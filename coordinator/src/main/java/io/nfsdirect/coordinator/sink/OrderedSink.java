package io.nfsdirect.coordinator.sink;

import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.worker.ChunkBuffers;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A {@link io.nfsdirect.protocol.api.Sink.Stream} consumer that puts the chunks of a read back in
 * file order for a {@link ByteTarget} (stdout, a digest): a bounded reorder buffer.
 *
 * <p>Chunks arrive in any order. One that starts where the consumed prefix ends is fed to the
 * target at once, followed by every held chunk it makes contiguous; one that starts beyond it is
 * held. A chunk is acknowledged only after the target has taken it, so the request, which admits
 * a new chunk into its window only for an acknowledged one, can never have more than its window
 * waiting here: that is what bounds the buffer, at window x rsize bytes. Holding more than
 * {@link Settings#maxHeldChunks} chunks means the request's window is larger than the caller
 * planned for, and fails the sink rather than growing without bound.
 *
 * <p>Lifetime: from spawn until its owner sends {@link SinkControl.Stop}. The result completes
 * when every byte up to the end was consumed; it fails when the target throws, when the buffer
 * bound is exceeded, or when the sink stalls (below). Once failed, the sink acknowledges and
 * drops every chunk, so the request still finishes and its completion can say what happened.
 *
 * <p>Stalls: the chunk that would close the gap before the held ones may never come, when the
 * request failed at that offset. The request still waits for the held chunks' acknowledgements,
 * and would wait forever. With a {@link Settings#stallTimeout}, a sink that holds chunks and
 * receives none for that long fails with {@link StalledException} and releases them.
 */
public final class OrderedSink {

    /**
     * @param start         file offset of the first byte to consume (the request's offset)
     * @param end           file offset just past the last byte (offset + length)
     * @param maxHeldChunks the most chunks that may wait out of order; the request's window
     * @param stallTimeout  how long chunks may be held without any new chunk arriving; null or
     *                      zero waits forever
     */
    public record Settings(long start, long end, int maxHeldChunks, Duration stallTimeout) {
        public Settings {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
            }
            if (maxHeldChunks < 1) {
                throw new IllegalArgumentException("maxHeldChunks must be at least 1: " + maxHeldChunks);
            }
        }
    }

    /** The chunk closing the gap before the held chunks did not arrive in time. */
    public static final class StalledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StalledException(String message) {
            super(message, null, false, false);
        }
    }

    private record StallCheck() {
    }

    private static final AtomicLong NAMES = new AtomicLong();

    private OrderedSink() {
    }

    /**
     * Spawns a sink as a system actor on the blocking-I/O dispatcher, for callers that are not
     * actors. {@code progress} is told the byte count of every consumed piece, on the sink's thread.
     */
    public static SinkHandle spawn(ActorSystem<?> system, Settings settings, ByteTarget target, LongConsumer progress) {
        CompletableFuture<SinkResult> result = new CompletableFuture<>();
        var ref = system.systemActorOf(create(settings, target, progress, result),
                "ordered-sink-" + NAMES.incrementAndGet(), DispatcherSelector.blocking());
        return new SinkHandle(ref, result);
    }

    /**
     * The sink's behavior. It accepts {@link ChunkData} and {@link SinkControl}; narrow its ref to
     * {@code ActorRef<ChunkData>} for the request. Spawn it on a dispatcher where blocking is
     * allowed if the target may block.
     */
    public static Behavior<Object> create(Settings settings, ByteTarget target, LongConsumer progress,
                                          CompletableFuture<SinkResult> result) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(result, "result");
        LongConsumer onProgress = progress == null ? n -> { } : progress;
        return Behaviors.withTimers(timers -> new Reorder(settings, target, onProgress, result, timers).receiving());
    }

    /** The mutable state of one sink, confined to its actor. */
    private static final class Reorder {
        private final Settings settings;
        private final ByteTarget target;
        private final LongConsumer progress;
        private final CompletableFuture<SinkResult> result;
        private final TimerScheduler<Object> timers;
        private final TreeMap<Long, ChunkData> held = new TreeMap<>();
        private long next;
        private long end;
        private long chunks;
        private int maxHeld;

        Reorder(Settings settings, ByteTarget target, LongConsumer progress, CompletableFuture<SinkResult> result,
                TimerScheduler<Object> timers) {
            this.settings = settings;
            this.target = target;
            this.progress = progress;
            this.result = result;
            this.timers = timers;
            this.next = settings.start();
            this.end = settings.end();
        }

        Behavior<Object> receiving() {
            if (next >= end && !result.isDone()) {
                result.complete(new SinkResult(next - settings.start(), chunks, maxHeld));
            }
            return Behaviors.receive(Object.class)
                    .onMessage(ChunkData.class, this::onChunk)
                    .onMessage(SinkControl.End.class, m -> onEnd(m.endOffset()))
                    .onMessage(SinkControl.Stop.class, m -> stop())
                    .onMessage(StallCheck.class, m -> onStall())
                    .build();
        }

        /** After a failure, or past the end: every chunk is acknowledged and dropped. */
        private Behavior<Object> releasing() {
            return Behaviors.receive(Object.class)
                    .onMessage(ChunkData.class, d -> {
                        ack(d);
                        return Behaviors.same();
                    })
                    .onMessage(SinkControl.Stop.class, m -> stop())
                    .build();
        }

        private Behavior<Object> onChunk(ChunkData d) {
            long from = d.offset();
            long to = Math.min(from + d.bytes().length, end);
            if (to <= next || result.isDone()) {
                // A retried attempt of something already consumed, or bytes past the end.
                ack(d);
                return Behaviors.same();
            }
            if (from > next) {
                if (held.putIfAbsent(from, d) != null) {
                    ack(d);
                    return Behaviors.same();
                }
                maxHeld = Math.max(maxHeld, held.size());
                if (held.size() > settings.maxHeldChunks()) {
                    return fail(new IllegalStateException("more than " + settings.maxHeldChunks()
                            + " chunks are waiting out of order for offset " + next
                            + ": the request's window is larger than this sink's bound"));
                }
                armStallTimer();
                return Behaviors.same();
            }
            try {
                consume(d);
                for (Map.Entry<Long, ChunkData> first = held.firstEntry(); first != null && first.getKey() <= next;
                     first = held.firstEntry()) {
                    held.pollFirstEntry();
                    consume(first.getValue());
                }
            } catch (Exception e) {
                return fail(e);
            }
            if (next >= end) {
                timers.cancel(StallCheck.class);
                releaseHeld();
                result.complete(new SinkResult(next - settings.start(), chunks, maxHeld));
                return releasing();
            }
            armStallTimer();
            return Behaviors.same();
        }

        /** Feeds the part of {@code d} beyond the consumed prefix to the target, then acks it. */
        private void consume(ChunkData d) throws Exception {
            long to = Math.min(d.offset() + d.bytes().length, end);
            try {
                if (to > next) {
                    int skip = Math.toIntExact(next - d.offset());
                    int length = Math.toIntExact(to - next);
                    target.accept(d.bytes(), skip, length);
                    next = to;
                    chunks++;
                    progress.accept(length);
                }
            } finally {
                // Consumed or failed, the chunk is done with either way.
                ack(d);
            }
        }

        private Behavior<Object> onEnd(long endOffset) {
            end = Math.max(next, Math.min(end, endOffset));
            // Anything held lies beyond the new end and will never be consumed.
            if (next >= end) {
                timers.cancel(StallCheck.class);
                releaseHeld();
                result.complete(new SinkResult(next - settings.start(), chunks, maxHeld));
                return releasing();
            }
            return Behaviors.same();
        }

        private Behavior<Object> onStall() {
            if (held.isEmpty()) {
                return Behaviors.same();
            }
            return fail(new StalledException("no chunk at offset " + next + " arrived within "
                    + settings.stallTimeout().toMillis() + " ms while " + held.size()
                    + " later chunks were waiting for it"));
        }

        private void armStallTimer() {
            Duration timeout = settings.stallTimeout();
            if (held.isEmpty() || timeout == null || timeout.isZero() || timeout.isNegative()) {
                timers.cancel(StallCheck.class);
            } else {
                timers.startSingleTimer(StallCheck.class, new StallCheck(), timeout);
            }
        }

        private Behavior<Object> fail(Exception e) {
            timers.cancel(StallCheck.class);
            releaseHeld();
            result.completeExceptionally(e);
            return releasing();
        }

        private Behavior<Object> stop() {
            releaseHeld();
            result.completeExceptionally(new CancellationException("the sink was stopped at offset " + next));
            return Behaviors.stopped();
        }

        private void releaseHeld() {
            held.values().forEach(OrderedSink::ack);
            held.clear();
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
