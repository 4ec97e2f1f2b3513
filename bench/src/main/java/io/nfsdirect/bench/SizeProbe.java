package io.nfsdirect.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import io.nfsdirect.protocol.api.IoOptions;

/**
 * The child JVM of the file-size sweep ({@code java -Xmx256m ... SizeProbe URL LENGTH}): one
 * cold node reads LENGTH bytes through the actor path into a discarding consumer, then prints one
 * line of figures for the parent to parse. Run with a small heap, it shows whether memory stays
 * flat as the file grows.
 */
public final class SizeProbe {

    private SizeProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SizeProbe URL LENGTH");
            System.exit(2);
        }
        String url = args[0];
        long length = Long.parseLong(args[1]);
        Nodes.Running node = Nodes.local(2);
        long t0 = System.nanoTime();
        long bytes;
        try {
            bytes = new DirectReader("probe", "probe", node.client(), node.consumer(), url, length,
                    IoOptions.DEFAULT.withRsize(1 << 20), new Meter(java.util.OptionalLong.empty()))
                    .read(length);
        } finally {
            node.closer().close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        System.out.printf(Locale.ROOT, "probe bytes=%d seconds=%.4f heapPeakBytes=%d rssPeakKiB=%d gcCount=%d gcMillis=%d%n",
                bytes, seconds, heapPeak, Meter.peakRssKiB(), gcCount, gcMillis);
        System.exit(0);
    }
}
