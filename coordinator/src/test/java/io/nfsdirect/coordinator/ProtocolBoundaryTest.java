package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.api.CborSerializable;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a client can send the node's actors is exactly their public protocol: nothing it could
 * implement itself, and none of the actors' own messages, which may hold open files, can be
 * serialized to or from another node.
 */
class ProtocolBoundaryTest {

    @Test
    void theFrontDoorTakesOnlyItsPublicRequests() {
        assertEquals(Set.of(DirectIoProtocol.Read.class, DirectIoProtocol.Write.class, DirectIoProtocol.Copy.class,
                        DirectIoProtocol.Cancel.class, DirectIoProtocol.GetStats.class),
                Set.of(DirectIoProtocol.Command.class.getPermittedSubclasses()));
        for (Class<?> c : DirectIoProtocol.Command.class.getPermittedSubclasses()) {
            assertTrue(c.isRecord(), c + " is a final record, not an interface a client could implement");
        }
    }

    @Test
    void theWorkerNodeTakesOnlyItsPublicCommands() {
        assertEquals(Set.of(WorkerNodeProtocol.RunChunk.class, WorkerNodeProtocol.RunCommit.class,
                        WorkerNodeProtocol.GetStats.class),
                Set.of(WorkerNodeProtocol.Command.class.getPermittedSubclasses()));
    }

    @Test
    void theActorsOwnMessagesNeverCrossTheWire() {
        for (Class<?> owner : new Class<?>[] {DirectIo.class, DirectRequest.class}) {
            for (Class<?> c : owner.getDeclaredClasses()) {
                if (c.isRecord() && !java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                    assertFalse(CborSerializable.class.isAssignableFrom(c), c + " is private to its actor");
                }
            }
        }
    }
}
