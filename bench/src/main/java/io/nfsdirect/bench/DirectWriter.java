package io.nfsdirect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.WriteSource;

/**
 * An nfs-direct upload of a local file through the actor path of a warm node, to a new file per
 * repetition: UNSTABLE WRITEs and one COMMIT, or FILE_SYNC WRITEs with {@code --stable}. The file
 * is removed afterwards through the export's local directory.
 */
public final class DirectWriter implements Contender {

    private final String key;
    private final String label;
    private final DirectIoClient client;
    private final Path source;
    private final IntFunction<String> url;
    private final IntFunction<Path> local;
    private final IoOptions options;
    private final Meter meter;

    public DirectWriter(String key, String label, DirectIoClient client, Path source, IntFunction<String> url,
                        IntFunction<Path> local, IoOptions options, Meter meter) {
        this.key = key;
        this.label = label;
        this.client = client;
        this.source = source;
        this.url = url;
        this.local = local;
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
        write(-1, Math.min(Files.size(source), 128L << 20));
    }

    @Override
    public Sample run(int rep) throws Exception {
        long size = Files.size(source);
        return Timed.inProcess(meter, () -> write(rep, size));
    }

    private long write(int rep, long size) throws Exception {
        try {
            IoCompletion done = DirectIoClient.await(client.write(DirectIoClient.newRequestId(), url.apply(rep), 0,
                    new WriteSource.LocalFile(source.toString(), 0, size), options));
            if (!done.ok() || done.bytes() != size) {
                throw new IllegalStateException("direct write to " + url.apply(rep) + " ended with " + done);
            }
            return done.bytes();
        } finally {
            Files.deleteIfExists(local.apply(rep));
        }
    }
}
