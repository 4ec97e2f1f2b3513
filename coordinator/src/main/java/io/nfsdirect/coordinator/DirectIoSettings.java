package io.nfsdirect.coordinator;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code nfs-direct} section of a node's configuration, as {@code DirectIo} and its
 * requests use it.
 *
 * @param window        chunks in flight per request when the request does not say
 * @param replyLimit    the largest read a {@code Reply} sink may collect
 * @param chunkAttempts attempts per chunk, the first included, before the request fails it
 * @param workerWait    how long an accepted request waits for a first worker node to appear
 * @param lookupCacheTtl how long a resolved file handle is reused before it is looked up again
 * @param chunkDeadline how long a chunk attempt may go without a report before it is sent again
 * @param writeSources  which local files a write from another node may read
 */
public record DirectIoSettings(int window, long replyLimit, int chunkAttempts, Duration workerWait,
                               Duration lookupCacheTtl, Duration chunkDeadline, WriteSourcePolicy writeSources) {

    public DirectIoSettings {
        if (window < 1 || chunkAttempts < 1 || replyLimit < 0) {
            throw new IllegalArgumentException("nfs-direct: window and chunk-attempts must be >= 1, reply-limit >= 0");
        }
    }

    public static DirectIoSettings from(Config config) {
        Config c = config.getConfig("nfs-direct");
        return new DirectIoSettings(c.getInt("window"), c.getBytes("reply-limit"), c.getInt("chunk-attempts"),
                c.getDuration("worker-wait"), c.getDuration("lookup-cache-ttl"), c.getDuration("chunk-deadline"),
                WriteSourcePolicy.from(config));
    }
}
