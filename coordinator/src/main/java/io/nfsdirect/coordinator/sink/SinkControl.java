package io.nfsdirect.coordinator.sink;

import io.nfsdirect.protocol.api.CborSerializable;

/**
 * What the owner of a sink may tell it besides the chunks themselves. A sink lives until it is
 * told {@link Stop}: the request may still deliver a duplicate chunk (a retried attempt) after
 * every byte was consumed, and that chunk must be acknowledged for the request to finish, so a
 * sink cannot stop on its own at the end.
 */
public sealed interface SinkControl extends CborSerializable {

    /**
     * The read ended at {@code endOffset} (EOF came before the requested end): the sink's result
     * completes once everything before it was consumed.
     */
    record End(long endOffset) implements SinkControl {
    }

    /**
     * Stop now. Held chunks are acknowledged and dropped, and a result that has not completed
     * fails with a {@link java.util.concurrent.CancellationException}. Send it after the request's
     * completion, or to abandon the read (and then cancel the request too).
     */
    record Stop() implements SinkControl {
    }
}
