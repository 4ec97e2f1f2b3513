package io.nfsdirect.coordinator.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a node can take work, as its readiness check answers: it is an Up member of the
 * cluster, and each service its roles call for is registered with the Receptionist, where
 * requests find it. A node that is joining, leaving or downed is not ready; neither is one whose
 * worker other nodes cannot find yet.
 *
 * @param missing why the node is not ready, one short phrase each; empty when it is
 */
public record Readiness(List<String> missing) {

    public Readiness {
        missing = List.copyOf(missing);
    }

    /**
     * @param status          this member's status as the cluster sees it ({@code Up}, {@code Joining}, ...)
     * @param worker          whether the node has the worker role
     * @param workerListed    whether its worker is in the Receptionist's listing
     * @param coordinator     whether the node has the coordinator role
     * @param directIoListed  whether its DirectIo is in the Receptionist's listing
     */
    public static Readiness of(String status, boolean worker, boolean workerListed, boolean coordinator,
                               boolean directIoListed) {
        List<String> missing = new ArrayList<>();
        if ("Removed".equals(status)) {
            // Also what a node that has not joined yet reports as its own status.
            missing.add("not a member of the cluster (not joined yet, or removed)");
        } else if (!"Up".equals(status)) {
            missing.add("member status " + status + ", not Up");
        }
        if (worker && !workerListed) {
            missing.add("worker not registered");
        }
        if (coordinator && !directIoListed) {
            missing.add("DirectIo not registered");
        }
        return new Readiness(missing);
    }

    public boolean ready() {
        return missing.isEmpty();
    }

    /** {@code ready}, or {@code not ready: } and what is missing, for the endpoint's body and logs. */
    public String describe() {
        return ready() ? "ready" : "not ready: " + String.join("; ", missing);
    }
}
