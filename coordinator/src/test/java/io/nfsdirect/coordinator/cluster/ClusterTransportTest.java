package io.nfsdirect.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which transport a node's settings give it, and that a node without keys does not start. */
class ClusterTransportTest {

    private static final NodeSettings NODE = NodeSettings.of(Set.of("worker"), "127.0.0.1", 0, List.of());

    @Test
    void withoutKeysOrInsecureANodeDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClusterNode.start(NODE, ConfigFactory.parseString("pekko.loglevel = OFF")));
        assertTrue(e.getMessage().contains("no keys") && e.getMessage().contains("--insecure")
                && e.getMessage().contains("nfsdirect keys"), e.getMessage());
    }

    @Test
    void theKeyDirectoryGivesMutualTls() {
        Config c = ClusterNode.config(NODE, TestKeys.config());
        assertEquals("tls-tcp", c.getString("pekko.remote.artery.transport"));
        assertTrue(c.getBoolean(ClusterTransport.ENGINE + ".require-mutual-authentication"));
        assertEquals(TestKeys.dir().resolve(ClusterKeys.KEY_STORE).toString(),
                c.getString(ClusterTransport.ENGINE + ".key-store"));
        assertEquals(TestKeys.dir().resolve(ClusterKeys.TRUST_STORE).toString(),
                c.getString(ClusterTransport.ENGINE + ".trust-store"));
        assertInstanceOf(ClusterTransport.Tls.class, ClusterTransport.of(c));
    }

    @Test
    void insecureIsPlainTcpEvenOverKeys() {
        Config c = ClusterNode.config(NODE, ConfigFactory.parseString(ClusterTransport.INSECURE + " = on")
                .withFallback(TestKeys.config()));
        assertEquals("tcp", c.getString("pekko.remote.artery.transport"));
        assertInstanceOf(ClusterTransport.PlainTcp.class, ClusterTransport.of(c));
    }

    @Test
    void anIncompleteKeyDirectoryNamesTheMissingFile(@TempDir Path dir) throws Exception {
        Files.copy(TestKeys.dir().resolve(ClusterKeys.KEY_STORE), dir.resolve(ClusterKeys.KEY_STORE));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterNode.config(NODE,
                ConfigFactory.parseString(ClusterTransport.TLS_DIR + " = \"" + dir + "\"")));
        assertTrue(e.getMessage().contains(dir.resolve(ClusterKeys.TRUST_STORE).toString()), e.getMessage());
    }

    /**
     * The attack of issue "anyone who can reach a node's Artery port joins": a node with keys of
     * its own, and a node speaking plain TCP, both pointed at a TLS cluster's seed. Neither gets
     * in; a node with the cluster's keys does, through the same seed.
     */
    @Test
    void onlyAHolderOfTheClusterKeysJoins(@TempDir Path other) throws Exception {
        ClusterTesting cluster = new ClusterTesting();
        try {
            ClusterNode seed = cluster.first(Set.of(NodeSettings.COORDINATOR, NodeSettings.WORKER), null);
            seed.awaitUp(1, ClusterTesting.FORMATION).toCompletableFuture().get();
            Path strangerKeys = ClusterKeys.generate(other.resolve("keys"));
            ClusterNode stranger = cluster.join(seed, Set.of(NodeSettings.WORKER),
                    ClusterTransport.TLS_DIR + " = \"" + strangerKeys + "\"");
            ClusterNode plain = cluster.join(seed, Set.of(NodeSettings.WORKER), ClusterTransport.INSECURE + " = on");
            java.time.Duration wait = java.time.Duration.ofSeconds(10);
            java.util.concurrent.ExecutionException refused = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> seed.awaitUp(2, wait).toCompletableFuture().get());
            assertTrue(refused.getCause().getMessage().contains("waiting for 2 Up member"), refused.getMessage());
            assertEquals(1, org.apache.pekko.cluster.typed.Cluster.get(seed.system()).state().getMembers()
                    .spliterator().estimateSize(), "only the seed is a member");
            for (ClusterNode outsider : List.of(stranger, plain)) {
                assertEquals(org.apache.pekko.cluster.MemberStatus.removed(),
                        org.apache.pekko.cluster.typed.Cluster.get(outsider.system()).selfMember().status(),
                        outsider.address() + " must not have joined");
            }
            ClusterNode member = cluster.join(seed, Set.of(NodeSettings.WORKER), null);
            seed.awaitUp(2, ClusterTesting.FORMATION).toCompletableFuture().get();
            member.awaitUp(2, ClusterTesting.FORMATION).toCompletableFuture().get();
        } finally {
            cluster.closeAll();
        }
    }

    @Test
    void generatedKeysArePrivateAndNeverOverwritten(@TempDir Path parent) throws Exception {
        Path dir = ClusterKeys.generate(parent.resolve("k"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String name : List.of(ClusterKeys.KEY_STORE, ClusterKeys.TRUST_STORE, ClusterKeys.PASSWORD)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))),
                    name);
        }
        byte[] key = Files.readAllBytes(dir.resolve(ClusterKeys.KEY_STORE));
        java.io.IOException again = assertThrows(java.io.IOException.class, () -> ClusterKeys.generate(dir));
        assertTrue(again.getMessage().contains("never overwritten"), again.getMessage());
        assertTrue(java.util.Arrays.equals(key, Files.readAllBytes(dir.resolve(ClusterKeys.KEY_STORE))));
    }
}
