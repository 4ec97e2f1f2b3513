package io.nfsdirect.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.nfsdirect.coordinator.Placement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts: which paths take Artery's large stream, and which nodes a request may use. */
class PathsAndPlacementTest {

    @Test
    void destinationPatternsMatchLikeArtery() {
        LargeMessageDestinations d = new LargeMessageDestinations(
                List.of("/user/worker", "/user/direct-io/*/*", "/system/ordered-sink-*", "/user/deep/**"));
        assertTrue(d.matches("/user/worker"));
        assertFalse(d.matches("/user/worker/child"));
        assertFalse(d.matches("/user/workers"));
        assertTrue(d.matches("/user/direct-io/request-abc/$$a-adapter"));
        assertFalse(d.matches("/user/direct-io/request-abc"), "the request itself only gets small messages");
        assertTrue(d.matches("/system/ordered-sink-17"));
        assertFalse(d.matches("/system/file-sink-17"));
        assertTrue(d.matches("/user/deep/a/b/c"));
        assertFalse(d.matches("/user/deep"));
    }

    @Test
    void everyPathThatReceivesChunkDataIsInTheShippedConfiguration() {
        Config c = ClusterNode.config(NodeSettings.of(Set.of("worker"), "127.0.0.1", 0, List.of()),
                TestKeys.config());
        LargeMessageDestinations d = new LargeMessageDestinations(
                c.getStringList("pekko.remote.artery.large-message-destinations"));
        for (String path : List.of("/user/worker", "/user/direct-io/request-x/$$a-adapter",
                "/system/direct-io-client-0b7d/$$a-adapter", "/temp/direct-io$a", "/user/sinks/stream-1",
                "/system/ordered-sink-3", "/system/file-sink-4")) {
            assertTrue(d.matches(path), path);
        }
        assertFalse(d.matches("/user/direct-io"), "DirectIo's own messages are small");
    }

    @Test
    void aRequestLimitedToNodesUsesOnlyThoseNamedByAddressHostPortOrLocal() {
        String self = "pekko://nfsdirect@10.0.0.1:2552";
        Map<String, List<String>> names = Map.of(
                "a", Placement.namesOf(self, true),
                "b", Placement.namesOf("pekko://nfsdirect@10.0.0.2:2552", false),
                "c", Placement.namesOf("pekko://nfsdirect@10.0.0.3:2552", false));
        List<String> all = List.of("a", "b", "c");
        assertEquals(all, Placement.restrict(all, List.of(), names::get), "no limit");
        assertEquals(List.of("b"), Placement.restrict(all, List.of("pekko://nfsdirect@10.0.0.2:2552"), names::get));
        assertEquals(List.of("b", "c"), Placement.restrict(all, List.of("10.0.0.3:2552", "10.0.0.2:2552"), names::get));
        assertEquals(List.of("a"), Placement.restrict(all, List.of("local"), names::get));
        assertEquals(List.of(), Placement.restrict(all, List.of("10.0.0.9:2552"), names::get));
        // The single-JVM node: an address without a host, named "local".
        assertEquals(List.of("pekko://direct-io-test", "local"), Placement.namesOf("pekko://direct-io-test", true));
    }
}
