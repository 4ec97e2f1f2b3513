package io.nfsdirect.protocol.api;

/**
 * What one request cost, carried in its completion so a caller can see retransmits, short
 * I/O and failover without scraping node stats.
 *
 * @param chunks              chunks sent (each counted once, however often it was resent); a read
 *                            that meets EOF early sends fewer than its range would need
 * @param rpcs                READ/WRITE/COMMIT RPCs sent for the request, resends included
 * @param retransmits         RPCs resent after a timeout
 * @param shortIo             short reads or writes whose remainder was resent
 * @param verifierMismatches  chunks resent FILE_SYNC because the COMMIT verifier differed
 * @param redispatched        chunk attempts given to another worker after one was lost
 * @param elapsedNanos        from acceptance to completion
 */
public record IoCounters(int chunks, long rpcs, long retransmits, long shortIo, int verifierMismatches,
                         int redispatched, long elapsedNanos) implements CborSerializable {

    public static final IoCounters NONE = new IoCounters(0, 0, 0, 0, 0, 0, 0);
}
