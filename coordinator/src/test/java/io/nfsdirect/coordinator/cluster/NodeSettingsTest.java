package io.nfsdirect.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

    @Test
    void theCliFormParsesRolesAndSeeds() {
        NodeSettings s = NodeSettings.parse("coordinator, worker", "10.0.0.5", 2552, "10.0.0.1:2552,[::1]:2553");
        assertEquals(List.of("coordinator", "worker"), List.copyOf(s.roles()));
        assertEquals(List.of("pekko://nfsdirect@10.0.0.1:2552", "pekko://nfsdirect@[::1]:2553"), s.seedAddresses());
        assertEquals("nfsdirect", s.systemName());
        assertEquals(List.of("pekko://other@10.0.0.1:2552", "pekko://other@[::1]:2553"),
                s.withSystemName("other").seedAddresses());
        assertTrue(NodeSettings.parse("worker", "h", 0, "  ").seeds().isEmpty(), "no seeds: a new cluster");
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> NodeSettings.parse("", "h", 0, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeSettings.parse("master", "h", 0, null))
                .getMessage().contains("unknown role 'master'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeSettings.parse("client,worker", "h", 0, null))
                .getMessage().contains("client role stands alone"));
        assertThrows(IllegalArgumentException.class, () -> NodeSettings.parse("worker", " ", 0, null));
        assertThrows(IllegalArgumentException.class, () -> NodeSettings.parse("worker", "h", 70000, null));
        for (String seed : List.of("host", "host:", ":2552", "host:x", "host:0", "::1:2552", "[::1]2552")) {
            assertThrows(IllegalArgumentException.class, () -> NodeSettings.parse("worker", "h", 0, seed), seed);
        }
    }

    @Test
    void aTakenPortIsAClearStartFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            NodeSettings s = NodeSettings.of(Set.of("worker"), "127.0.0.1", taken.getLocalPort(), List.of());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterNode.start(s,
                    ConfigFactory.parseString("pekko.loglevel = OFF\npekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
                            .withFallback(TestKeys.config())));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void theNodeConfigLayersSettingsOverTheClusterFileAndOverridesOverBoth() {
        NodeSettings s = NodeSettings.of(Set.of("worker"), "192.0.2.7", 2600, List.of("192.0.2.1:2552"));
        Config c = ClusterNode.config(s, ConfigFactory.parseString("pekko.remote.artery.advanced.maximum-large-frame-size = 9 MiB")
                .withFallback(TestKeys.config()));
        assertEquals("cluster", c.getString("pekko.actor.provider"));
        assertEquals("tls-tcp", c.getString("pekko.remote.artery.transport"));
        assertEquals("192.0.2.7", c.getString("pekko.remote.artery.canonical.hostname"));
        assertEquals(2600, c.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(List.of("worker"), c.getStringList("pekko.cluster.roles"));
        assertEquals(List.of("pekko://nfsdirect@192.0.2.1:2552"), c.getStringList("pekko.cluster.seed-nodes"));
        assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
                c.getString("pekko.cluster.downing-provider-class"));
        assertEquals("keep-majority", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertEquals(9L << 20, c.getBytes("pekko.remote.artery.advanced.maximum-large-frame-size"));
        assertTrue(c.getStringList("pekko.remote.artery.large-message-destinations").contains("/user/worker"));
        // The protocol's reference.conf still applies underneath.
        assertEquals("jackson-cbor",
                c.getString("pekko.actor.serialization-bindings.\"io.nfsdirect.protocol.api.CborSerializable\""));
        assertEquals(FrameLimits.NONE, FrameLimits.from(ConfigFactory.load()), "a local node has no frame limits");
    }
}
