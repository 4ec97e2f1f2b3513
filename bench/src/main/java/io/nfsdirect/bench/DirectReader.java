package io.nfsdirect.bench;

import java.time.Duration;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Contenders 5 and 6: a read through the whole actor path (DirectIo, DirectRequest, ChunkWorker)
 * of a node that stays up between runs, into a {@link DiscardSink} Stream consumer.
 */
public final class DirectReader implements Contender {

    static final Duration ASK_TIMEOUT = Duration.ofMinutes(30);

    private final String key;
    private final String label;
    private final DirectIoClient client;
    private final ActorRef<ChunkData> consumer;
    private final String url;
    private final long length;
    private final IoOptions options;
    private final Meter meter;

    /** The node behind {@code client} is the caller's to stop. */
    public DirectReader(String key, String label, DirectIoClient client, ActorRef<ChunkData> consumer, String url,
                        long length, IoOptions options, Meter meter) {
        this.key = key;
        this.label = label;
        this.client = client;
        this.consumer = consumer;
        this.url = url;
        this.length = length;
        this.options = options;
        this.meter = meter;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void warmUp() throws Exception {
        read(Math.min(length, 512L << 20));
    }

    @Override
    public Sample run(int rep) throws Exception {
        return Timed.inProcess(meter, () -> read(length));
    }

    long read(long size) throws InterruptedException {
        IoCompletion done = DirectIoClient.await(client.read(DirectIoClient.newRequestId(), url, 0, size,
                new Sink.Stream(consumer), options));
        if (!done.ok() || done.bytes() != size) {
            throw new IllegalStateException("direct read of " + url + " ended with " + done);
        }
        return done.bytes();
    }
}
