package io.nfsdirect.coordinator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chunks of one request that are out: which attempt of each chunk is current, on which
 * worker, and whether it has reported and been acknowledged; and which chunk goes next.
 *
 * <p>A chunk holds its slot from dispatch until it has reported and, for a stream sink, until the
 * consumer has acknowledged it, so the window bounds both the RPCs in flight and the chunk data
 * held anywhere on the request's behalf. Chunks to send again (an attempt lost with its worker, a
 * short transfer, a verifier mismatch) go before the cursor moves on. Every dispatch of a chunk
 * gets the next attempt number, which is how a late report from a superseded attempt is told apart.
 *
 * @param <W> how a worker is identified (an actor ref in the request, a string in tests)
 */
final class ChunkWindow<W> {

    /** A chunk in the window: dispatched and not yet reported, or reported and not yet acked. */
    static final class Slot<W> {
        final int chunk;
        final int attempt;
        final W worker;
        final int stable;
        boolean reported;
        boolean acked;
        boolean awaitingAck;

        Slot(int chunk, int attempt, W worker, int stable) {
            this.chunk = chunk;
            this.attempt = attempt;
            this.worker = worker;
            this.stable = stable;
        }
    }

    private final ChunkPlan plan;
    private final int capacity;
    private final Map<Integer, Slot<W>> slots = new HashMap<>();
    private final Map<Integer, Integer> attempts = new HashMap<>();
    private final Deque<Integer> redo = new ArrayDeque<>();
    private int cursor;
    private boolean stopped;

    ChunkWindow(ChunkPlan plan, int capacity) {
        this.plan = plan;
        this.capacity = capacity;
    }

    boolean hasRoom() {
        return slots.size() < capacity;
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    int size() {
        return slots.size();
    }

    /** The next chunk worth sending, without taking it; null when none is left before the count's end. */
    Integer next(PrefixAccounting<?> prefix) {
        if (stopped) {
            return null;
        }
        while (!redo.isEmpty() && prefix.endedBefore(plan.chunkOffset(redo.peek()))) {
            redo.poll();
        }
        if (!redo.isEmpty()) {
            return redo.peek();
        }
        if (cursor < plan.count() && !prefix.endedBefore(plan.chunkOffset(cursor))) {
            return cursor;
        }
        return null;
    }

    /** Takes {@code chunk} (the one {@link #next} gave) into the window under its next attempt. */
    Slot<W> open(int chunk, W worker, int stable) {
        if (!redo.isEmpty() && redo.peek() == chunk) {
            redo.poll();
        } else if (chunk == cursor) {
            cursor++;
        } else {
            throw new IllegalStateException("chunk " + chunk + " is not next");
        }
        Slot<W> slot = new Slot<>(chunk, attempts.merge(chunk, 1, Integer::sum), worker, stable);
        slots.put(chunk, slot);
        return slot;
    }

    Slot<W> slot(int chunk) {
        return slots.get(chunk);
    }

    Collection<Slot<W>> slots() {
        return slots.values();
    }

    void close(Slot<W> slot) {
        slots.remove(slot.chunk, slot);
    }

    /** {@code chunk} goes out again before anything else. */
    void sendAgainFirst(int chunk) {
        if (!stopped) {
            redo.addFirst(chunk);
        }
    }

    /** {@code chunk} goes out again after the others waiting to (chunks of a COMMIT, in file order). */
    void sendAgain(int chunk) {
        if (!stopped) {
            redo.addLast(chunk);
        }
    }

    boolean hasResends() {
        return !redo.isEmpty();
    }

    /**
     * Removes and returns the slots whose outcome died with {@code worker}: the ones it had not
     * reported, and the ones it reported while their data, sent by the worker straight to a
     * stream consumer, is still unacknowledged: that data may have died in the worker's outbox,
     * and a consumer waiting for it in order would wait forever. Sending such a chunk again is
     * safe: a consumer may receive a chunk twice, and the byte count does not add a chunk twice.
     */
    List<Slot<W>> lostWith(W worker) {
        List<Slot<W>> lost = new ArrayList<>();
        for (Slot<W> slot : slots.values()) {
            if (slot.worker.equals(worker) && (!slot.reported || slot.awaitingAck)) {
                lost.add(slot);
            }
        }
        lost.forEach(this::close);
        return lost;
    }

    /**
     * Frees the slots of reported chunks that wait for an ack past the end of the count: an
     * in-order consumer waits for the gap before them to fill, which never happens.
     */
    void releaseAcksBeyond(PrefixAccounting<?> prefix) {
        slots.values().removeIf(s -> s.reported && s.awaitingAck && prefix.endedBefore(plan.chunkOffset(s.chunk)));
    }

    /** The lowest offset whose chunk is not done or reported yet; {@code Long.MAX_VALUE} if none. */
    long firstUnfinishedOffset() {
        long at = Long.MAX_VALUE;
        for (int chunk : redo) {
            at = Math.min(at, plan.chunkOffset(chunk));
        }
        if (cursor < plan.count()) {
            at = Math.min(at, plan.chunkOffset(cursor));
        }
        for (Slot<W> slot : slots.values()) {
            if (!slot.reported) {
                at = Math.min(at, plan.chunkOffset(slot.chunk));
            }
        }
        return at;
    }

    /** Nothing more is sent, not even resends; the slots out stay until they report. */
    void stopSending() {
        stopped = true;
        redo.clear();
    }

    boolean stopped() {
        return stopped;
    }
}
