package io.nfsdirect.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void anUpNodeWithItsServicesRegisteredIsReady() {
        assertTrue(Readiness.of("Up", true, true, true, true).ready());
        assertEquals("ready", Readiness.of("Up", true, true, false, false).describe());
        assertTrue(Readiness.of("Up", false, false, true, true).ready(), "a coordinator needs no worker");
    }

    @Test
    void aJoiningOrLeavingNodeIsNotReady() {
        assertEquals("not ready: member status Joining, not Up", Readiness.of("Joining", true, true, false, false)
                .describe());
        assertFalse(Readiness.of("Leaving", true, true, true, true).ready());
        assertFalse(Readiness.of("Down", true, true, true, true).ready());
        assertEquals("not ready: not a member of the cluster (not joined yet, or removed)",
                Readiness.of("Removed", false, false, true, true).describe());
    }

    @Test
    void aServiceItsRolesCallForMustBeRegistered() {
        assertEquals("not ready: worker not registered", Readiness.of("Up", true, false, false, false).describe());
        assertEquals("not ready: member status WeaklyUp, not Up; worker not registered; DirectIo not registered",
                Readiness.of("WeaklyUp", true, false, true, false).describe());
    }
}
