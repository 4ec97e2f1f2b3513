package io.nfsdirect.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls waiting for a reply on ONE connection, by XID. oncrpc4j's ReplyQueue is shared by a
 * whole client service and keyed by XID alone, so two callers with independent XID counters can
 * silently take each other's replies; here the table belongs to the connection and the XIDs come
 * from that connection's own counter, so an XID is unique where it is looked up.
 */
final class PendingCalls {

    private final ConcurrentHashMap<Integer, PendingCall<?>> calls = new ConcurrentHashMap<>();

    /** False if the XID is still taken (only after 2^32 calls with one outstanding the whole time). */
    boolean add(int xid, PendingCall<?> call) {
        return calls.putIfAbsent(xid, call) == null;
    }

    /** Takes ownership of the call waiting under the XID, or null if nobody waits for it any more. */
    PendingCall<?> claim(int xid) {
        return calls.remove(xid);
    }

    /** Takes ownership of exactly this call; false if a reply, timeout or close took it first. */
    boolean claim(PendingCall<?> call) {
        return calls.remove(call.xid(), call);
    }

    boolean isPending(PendingCall<?> call) {
        return calls.get(call.xid()) == call;
    }

    /** Takes ownership of every call still waiting. */
    List<PendingCall<?>> claimAll() {
        List<PendingCall<?>> all = new ArrayList<>();
        for (Integer xid : calls.keySet()) {
            PendingCall<?> call = calls.remove(xid);
            if (call != null) {
                all.add(call);
            }
        }
        return all;
    }

    int size() {
        return calls.size();
    }
}
