package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run, the source of its class-data archive: it exits 0, cleans up after
 * itself, and loads the classes of a command that joins a cluster over TLS (a failure of its
 * cluster part is only a warning, so without this check a broken one would only show as slower
 * client commands).
 */
class TrainIT {

    @TempDir
    Path tmp;

    @Test
    void theTrainingRunsACommandThroughALoopbackClusterOverTls() throws Exception {
        Path loaded = tmp.resolve("classes.log");
        Path scratch = Files.createDirectory(tmp.resolve("tmp"));
        Cli.Result r = Cli.run(List.of("-Djava.io.tmpdir=" + scratch, "-Xlog:class+load=info:file=" + loaded),
                null, "train");
        assertEquals(0, r.exit(), r.describe());
        assertFalse(r.stderr().contains("cluster part failed"), r.describe());
        String classes = Files.readString(loaded);
        for (String c : List.of("org.apache.pekko.remote.artery.tcp.ArteryTcpTransport",
                "org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider",
                "org.apache.pekko.cluster.ClusterHeartbeatSender",
                "org.apache.pekko.cluster.typed.internal.receptionist.ClusterReceptionist$",
                "io.nfsdirect.cli.JoinOptions")) {
            assertTrue(classes.contains(" " + c + " "), c + " was not loaded by the training run");
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(List.of(), left.toList(), "the training left temporary files behind");
        }
    }
}
