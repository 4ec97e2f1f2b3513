package io.nfsdirect.bench;

import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.worker.ChunkBuffers;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A {@code Sink.Stream} consumer that acknowledges every chunk at once and drops it, handing its
 * array back as nfs-direct's own sinks do: the cost of the actor path without the cost of a
 * destination.
 */
public final class DiscardSink {

    private DiscardSink() {
    }

    public static Behavior<ChunkData> create() {
        return Behaviors.receive(ChunkData.class)
                .onMessage(ChunkData.class, chunk -> {
                    chunk.ackTo().tell(chunk.ack());
                    ChunkBuffers.shared().giveBack(chunk.bytes());
                    return Behaviors.same();
                })
                .build();
    }
}
