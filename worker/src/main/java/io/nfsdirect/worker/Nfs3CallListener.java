package io.nfsdirect.worker;

/**
 * Told once of every finished call, on the callback executor just before the caller's stage
 * completes. Meant for latency histograms and tracing; it must be cheap and must not block.
 */
@FunctionalInterface
public interface Nfs3CallListener {

    /**
     * @param procedure     procedure name, e.g. {@code READ}, {@code MNT}
     * @param latencyNanos  from the first transmission to the reply (or failure)
     * @param transmissions how often the call was sent (1 = no retransmission)
     * @param failure       null on success (including non-OK NFS statuses), else the exception
     */
    void onCallFinished(String procedure, long latencyNanos, int transmissions, Throwable failure);
}
