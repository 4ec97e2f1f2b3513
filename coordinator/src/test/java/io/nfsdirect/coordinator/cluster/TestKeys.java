package io.nfsdirect.coordinator.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** One cluster key directory for this test JVM, made on first use and removed at exit. */
final class TestKeys {

    private static Path dir;

    private TestKeys() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path parent = Files.createTempDirectory("nfsdirect-test-keys-");
                dir = ClusterKeys.generate(parent.resolve("keys"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(parent)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** The setting that gives a node these keys. */
    static Config config() {
        return ConfigFactory.parseMap(Map.of(ClusterTransport.TLS_DIR, dir().toString()));
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the system's tmp cleaner
        }
    }
}
