package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.nfsdirect.protocol.api.IoCompletion;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.GaneshaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Copy path between two different servers: each chunk is read from one and written straight
 * to the other by its worker, with the target under the write rules (UNSTABLE + COMMIT).
 */
class CrossServerCopyTest {

    @TempDir
    static Path export;
    private static NfsServer embedded;
    private static GaneshaServer ganesha;
    private static NfsDirectNode node;
    private static DirectIoClient client;

    @BeforeAll
    static void start() throws Exception {
        ganesha = GaneshaServer.shared();
        embedded = NfsServer.builder().export(export).rootSquash(false).port(0).build().start();
        node = NfsDirectNode.startLocal("copy-test", ConfigFactory.empty());
        client = node.client(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void copiesFromTheEmbeddedServerToGaneshaAndBackByteExact() throws Exception {
        byte[] data = new byte[5 * 256 * 1024 + 4321];
        new Random(11).nextBytes(data);
        Files.write(export.resolve("source.bin"), data);
        String dir = ganesha.newDirectory("copy");
        IoOptions o = IoOptions.DEFAULT.withRsize(256 * 1024).withWsize(256 * 1024).withWindow(3);

        IoCompletion there = DirectIoClient.await(client.copy(DirectIoClient.newRequestId(), embedded.url("source.bin"),
                ganesha.url(dir + "/copy.bin"), 0, data.length, o));
        assertNull(there.error(), () -> there.toString());
        assertEquals(data.length, there.bytes());
        assertArrayEquals(data, Files.readAllBytes(ganesha.local(dir + "/copy.bin")));

        IoCompletion back = DirectIoClient.await(client.copy(DirectIoClient.newRequestId(),
                ganesha.url(dir + "/copy.bin"), embedded.url("back.bin"), 0, data.length + 1000, o));
        assertNull(back.error(), () -> back.toString());
        assertEquals(data.length, back.bytes(), "EOF of the source ends the copy");
        assertArrayEquals(data, Files.readAllBytes(export.resolve("back.bin")));

        NodeStats stats = DirectIoClient.await(client.stats());
        assertTrue(stats.ops().getOrDefault("COMMIT", 0L) >= 2, stats.ops().toString());
        assertEquals(0, stats.inFlightChunks());
    }
}
