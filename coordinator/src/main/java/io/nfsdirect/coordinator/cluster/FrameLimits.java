package io.nfsdirect.coordinator.cluster;

import com.typesafe.config.Config;
import io.nfsdirect.coordinator.RequestSpec;
import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What one message may carry between nodes, as the node's Artery configuration sets it, applied
 * to a request before it starts: Artery drops an oversized message (it only logs it), and a
 * request whose chunk report or completion is dropped would wait forever. So a request whose
 * data could not cross is refused with an error that says why, or has its chunk size lowered to
 * what fits when the size was the server's choice rather than the caller's.
 *
 * <p>Which frame applies depends on the recipient: the large one (maximum-large-frame-size) for a
 * path in {@code large-message-destinations}, the ordinary one (maximum-frame-size) otherwise.
 * A node without remoting has no limits ({@link #NONE}).
 */
public final class FrameLimits {

    /** What a Digest completion costs per chunk: one CBOR ChunkDigest with its 32-byte SHA-256. */
    static final int DIGEST_BYTES = 128;

    private static final Set<String> REMOTE_PROVIDERS = Set.of("cluster", "remote",
            "org.apache.pekko.cluster.ClusterActorRefProvider", "org.apache.pekko.remote.RemoteActorRefProvider");
    private static final String LARGE_FRAME = "pekko.remote.artery.advanced.maximum-large-frame-size";
    private static final String FRAME = "pekko.remote.artery.advanced.maximum-frame-size";
    private static final String DESTINATIONS = "pekko.remote.artery.large-message-destinations";

    public static final FrameLimits NONE = new FrameLimits(false, Long.MAX_VALUE, Long.MAX_VALUE, 0,
            new LargeMessageDestinations(java.util.List.of()));

    /** The request to run: {@code spec} (perhaps with a smaller chunk size), or {@code error}. */
    public record Fit(RequestSpec spec, IoError error) {
    }

    private final boolean enabled;
    private final long largeFrame;
    private final long frame;
    private final long headroom;
    private final LargeMessageDestinations destinations;

    FrameLimits(boolean enabled, long largeFrame, long frame, long headroom, LargeMessageDestinations destinations) {
        this.enabled = enabled;
        this.largeFrame = largeFrame;
        this.frame = frame;
        this.headroom = headroom;
        this.destinations = destinations;
    }

    public static FrameLimits of(ActorSystem<?> system) {
        return from(system.settings().config());
    }

    public static FrameLimits from(Config config) {
        if (!config.hasPath("pekko.actor.provider")
                || !REMOTE_PROVIDERS.contains(config.getString("pekko.actor.provider"))) {
            return NONE;
        }
        long headroom = config.hasPath("nfs-direct.cluster.envelope-headroom")
                ? config.getBytes("nfs-direct.cluster.envelope-headroom") : 64 * 1024;
        return new FrameLimits(true, config.getBytes(LARGE_FRAME), config.getBytes(FRAME), headroom,
                new LargeMessageDestinations(config.getStringList(DESTINATIONS)));
    }

    public boolean enabled() {
        return enabled;
    }

    /** The largest chunk a message to a large-message destination can carry. */
    public int maxChunk() {
        return fit(largeFrame);
    }

    /** The largest chunk a message to {@code recipient} can carry. */
    public int maxChunkTo(ActorRef<?> recipient) {
        return enabled && !destinations.matches(recipient.path()) ? fit(frame) : maxChunk();
    }

    /**
     * The most data an {@link io.nfsdirect.protocol.api.IoCompletion} can carry to {@code replyTo}:
     * unlimited on the same node.
     */
    public long replyCap(ActorRef<?> replyTo) {
        if (!enabled || !replyTo.path().address().hasGlobalScope()) {
            return Long.MAX_VALUE;
        }
        return maxChunkTo(replyTo);
    }

    private int fit(long frameSize) {
        if (!enabled) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(4096, (frameSize - headroom) & ~4095L));
    }

    /**
     * Checks a resolved request: every message that carries its data must fit the frame of its
     * recipient's stream. {@code options} tell an explicit rsize/wsize (refused when too large)
     * from one the server chose (capped).
     */
    public Fit fit(RequestSpec spec, IoOptions options, ActorRef<?> replyTo) {
        if (!enabled) {
            return new Fit(spec, null);
        }
        Sink sink = spec.work() instanceof RequestSpec.Read r ? r.sink() : null;
        if (sink instanceof Sink.Reply && spec.length() > replyCap(replyTo)) {
            return refuse(Errno.EFBIG, spec, spec.length() + " bytes exceed the " + replyCap(replyTo)
                    + " a Reply completion can carry to an asker on another node (" + frameName(replyTo)
                    + ", less nfs-direct.cluster.envelope-headroom); use the Stream or Digest sink for large reads");
        }
        if (sink instanceof Sink.Digest) {
            long digests = (spec.length() + spec.chunkSize() - 1) / spec.chunkSize();
            if (digests * DIGEST_BYTES > replyCap(replyTo)) {
                return refuse(Errno.EFBIG, spec, "the digests of " + digests + " chunks exceed the "
                        + replyCap(replyTo) + " bytes a completion can carry to an asker on another node ("
                        + frameName(replyTo) + ", less nfs-direct.cluster.envelope-headroom); use a larger rsize or "
                        + "the Stream sink");
            }
        }
        int limit = chunkLimit(spec);
        if (spec.chunkSize() <= limit) {
            return new Fit(spec, null);
        }
        boolean write = spec.work() instanceof RequestSpec.Write;
        int asked = write ? options.wsize() : options.rsize();
        if (asked > limit) {
            String size = write ? "wsize " : "rsize ";
            if (sink instanceof Sink.Stream s && !destinations.matches(s.consumer().path())) {
                return refuse(Errno.EINVAL, spec, size + asked + " exceeds the " + limit + " bytes a chunk may "
                        + "carry to the stream consumer " + s.consumer().path() + ", which is not a large-message "
                        + "destination: spawn it with ClusterNode.spawnConsumer (under /user/sinks/) or add its path "
                        + "to pekko.remote.artery.large-message-destinations on every node");
            }
            return refuse(Errno.EINVAL, spec, size + asked + " exceeds the " + limit + " bytes a chunk may carry "
                    + "between nodes (" + LARGE_FRAME + " " + largeFrame
                    + ", less nfs-direct.cluster.envelope-headroom)");
        }
        return new Fit(spec.withChunkSize(limit), null);
    }

    /** The largest chunk whose data can reach where the request's data goes. */
    private int chunkLimit(RequestSpec spec) {
        if (spec.work() instanceof RequestSpec.Copy || spec.sinkOf(Sink.Digest.class) != null
                || spec.sinkOf(Sink.LocalFile.class) != null) {
            // Only file handles and checksums cross nodes; the data stays on the worker.
            return Integer.MAX_VALUE;
        }
        Sink.Stream stream = spec.sinkOf(Sink.Stream.class);
        if (stream != null) {
            return maxChunkTo(stream.consumer());
        }
        return maxChunk();
    }

    private String frameName(ActorRef<?> recipient) {
        return destinations.matches(recipient.path()) ? LARGE_FRAME + " " + largeFrame
                : FRAME + " " + frame + ", since " + recipient.path() + " is not in " + DESTINATIONS;
    }

    private static Fit refuse(Errno errno, RequestSpec spec, String cause) {
        return new Fit(null, IoError.at(errno, spec.describe(), spec.offset(), cause));
    }
}
