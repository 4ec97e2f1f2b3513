package io.nfsdirect.bench;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.worker.Nfs3Client;

/**
 * Small-I/O latency: one 4 KiB READ at a time at random 4 KiB-aligned offsets, through the whole
 * actor path (a Reply sink) and through {@link Nfs3Client} alone. The difference of the two
 * medians is what the actors add to a request.
 */
public final class Latency {

    public static final int SIZE = 4096;

    /** Latencies in microseconds of one path. */
    /**
     * @param calls NFS calls per request by procedure, from the node's counters (empty for the
     *              client alone, which makes exactly one READ per request)
     */
    public record Figures(String path, Stats micros, String detail, Map<String, Double> calls) {

        /** NFS calls per request in all. */
        public double totalCalls() {
            return calls.isEmpty() ? 1 : calls.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private Latency() {
    }

    public static Figures raw(Nfs3Client client, NfsFh3 handle, long fileSize, int requests, int warmUp)
            throws Exception {
        ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
        SplittableRandom random = new SplittableRandom(42);
        long blocks = fileSize / SIZE;
        double[] micros = new double[requests];
        for (int i = -warmUp; i < requests; i++) {
            long offset = random.nextLong(blocks) * SIZE;
            buffer.clear();
            long t0 = System.nanoTime();
            Read3Res res = client.read(handle, offset, SIZE, buffer).toCompletableFuture().get();
            long t1 = System.nanoTime();
            if (res.status != Nfs3.NFS3_OK || res.count != SIZE) {
                throw new IllegalStateException("4 KiB READ at " + offset + ": status " + res.status
                        + ", " + res.count + " bytes");
            }
            if (i >= 0) {
                micros[i] = (t1 - t0) / 1e3;
            }
        }
        return new Figures("Nfs3Client alone", Stats.of(micros), "1 READ per request", Map.of());
    }

    public static Figures actors(DirectIoClient client, String url, long fileSize, int requests, int warmUp)
            throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        long blocks = fileSize / SIZE;
        double[] micros = new double[requests];
        IoOptions options = IoOptions.DEFAULT;
        long rpcs = 0;
        Map<String, Long> before = Map.of();
        for (int i = -warmUp; i < requests; i++) {
            long offset = random.nextLong(blocks) * SIZE;
            long t0 = System.nanoTime();
            IoCompletion done = DirectIoClient.await(client.read(DirectIoClient.newRequestId(), url, offset, SIZE,
                    new Sink.Reply(), options));
            long t1 = System.nanoTime();
            if (!done.ok() || done.bytes() != SIZE) {
                throw new IllegalStateException("4 KiB direct read at " + offset + ": " + done);
            }
            if (i >= 0) {
                micros[i] = (t1 - t0) / 1e3;
                rpcs += done.counters().rpcs();
            } else if (i == -1) {
                before = ops(client);
            }
        }
        StringBuilder perRequest = new StringBuilder();
        Map<String, Double> calls = new TreeMap<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(ops(client)).entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                calls.put(e.getKey(), (double) d / requests);
                perRequest.append(perRequest.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", (double) d / requests));
            }
        }
        return new Figures("full actor path (DirectIo, Reply sink)", Stats.of(micros),
                String.format(Locale.ROOT, "%.2f RPCs per request in IoCounters; NFS calls per request in the "
                        + "node's counters: %s", (double) rpcs / requests, perRequest), calls);
    }

    /** RPCs sent by the node so far, per procedure; empty when its counters cannot be read. */
    private static Map<String, Long> ops(DirectIoClient client) {
        try {
            return client.stats().toCompletableFuture().get(10, TimeUnit.SECONDS).ops();
        } catch (Exception e) {
            return Map.of();
        }
    }
}
