package io.nfsdirect.coordinator.sink;

import java.util.concurrent.CancellationException;

/**
 * A sink's result when its owner stopped it before the end: how many bytes from the start it had
 * consumed without a gap. Past that, a file sink may hold scattered chunks; a caller left without
 * a completion (its coordinator was lost) cuts the file here, the one length it knows is whole.
 */
public final class SinkStopped extends CancellationException {

    private final long contiguous;

    public SinkStopped(long contiguous, String message) {
        super(message);
        this.contiguous = contiguous;
    }

    /** Bytes consumed from the sink's start, without a gap, when it stopped. */
    public long contiguous() {
        return contiguous;
    }
}
