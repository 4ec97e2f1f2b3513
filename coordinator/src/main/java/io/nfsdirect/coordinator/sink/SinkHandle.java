package io.nfsdirect.coordinator.sink;

import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.Sink;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A spawned sink: its actor, which accepts both {@link ChunkData} (from the request's workers)
 * and {@link SinkControl} (from its owner), and the result that completes when every byte up to
 * the end was consumed, or fails when the sink could not consume.
 */
public record SinkHandle(ActorRef<Object> ref, CompletableFuture<SinkResult> result) {

    /** The consumer to name in {@link Sink.Stream}. */
    public ActorRef<ChunkData> consumer() {
        return ref.narrow();
    }

    public Sink.Stream asStreamSink() {
        return new Sink.Stream(consumer());
    }

    /** See {@link SinkControl.End}. */
    public void end(long endOffset) {
        ref.tell(new SinkControl.End(endOffset));
    }

    /** See {@link SinkControl.Stop}. */
    public void stop() {
        ref.tell(new SinkControl.Stop());
    }
}
