package io.nfsdirect.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.Nfs3ClientConfig;
import io.nfsdirect.worker.NfsFile;

/**
 * Contender 4: {@link Nfs3Client} alone, no actors. {@code window} lanes each keep one READ of
 * {@code rsize} in flight into their own direct buffer and, when it completes, take the next
 * offset, so exactly {@code window} READs are outstanding over {@code connections} TCP
 * connections until the range is done. The data is dropped: this is the RPC layer's floor.
 */
public final class RawReader implements Contender {

    private final String key;
    private final String label;
    private final Nfs3Client client;
    private final NfsFh3 handle;
    private final long length;
    private final int window;
    private final int rsize;
    private final Meter meter;

    public RawReader(String key, String label, String url, long length, int window, int connections, int rsize,
                     Meter meter) throws NfsException {
        this.key = key;
        this.label = label;
        NfsUrl parsed = NfsUrl.parse(url);
        this.client = Nfs3Client.open(Nfs3ClientConfig.from(parsed).toBuilder().connections(connections).build());
        NfsFile file = client.resolve(parsed).toCompletableFuture().join();
        this.handle = file.handle();
        this.length = length;
        this.window = window;
        this.rsize = rsize;
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

    public Nfs3Client client() {
        return client;
    }

    public NfsFh3 handle() {
        return handle;
    }

    @Override
    public void warmUp() throws Exception {
        readRange(Math.min(length, 512L << 20));
    }

    @Override
    public Sample run(int rep) throws Exception {
        return Timed.inProcess(meter, () -> readRange(length));
    }

    /** Reads [0, size) with the window full, returns the bytes received. */
    long readRange(long size) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong received = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CompletableFuture<?>[] lanes = new CompletableFuture<?>[window];
        for (int i = 0; i < window; i++) {
            CompletableFuture<Void> lane = new CompletableFuture<>();
            lanes[i] = lane;
            issue(ByteBuffer.allocateDirect(rsize), size, next, received, failure, lane);
        }
        CompletableFuture.allOf(lanes).join();
        if (failure.get() != null) {
            throw new IllegalStateException("raw READ failed: " + failure.get(), failure.get());
        }
        return received.get();
    }

    private void issue(ByteBuffer buffer, long size, AtomicLong next, AtomicLong received,
                       AtomicReference<Throwable> failure, CompletableFuture<Void> lane) {
        long offset = next.getAndAdd(rsize);
        if (offset >= size || failure.get() != null) {
            lane.complete(null);
            return;
        }
        int count = (int) Math.min(rsize, size - offset);
        buffer.clear();
        client.read(handle, offset, count, buffer).whenComplete((res, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            } else if (res.status != Nfs3.NFS3_OK) {
                failure.compareAndSet(null, NfsException.of(NfsStatus.of(res.status), "READ", offset));
            } else if (res.count != count) {
                // The file is sized to the range, so a short read is a server anomaly worth failing on.
                failure.compareAndSet(null, new IllegalStateException("short READ at " + offset + ": " + res.count));
            } else {
                received.addAndGet(res.count);
            }
            issue(buffer, size, next, received, failure, lane);
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
