package io.nfsdirect.coordinator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chunk attempts one request owns, each in its state, and which chunk goes next. Every
 * transition of an attempt happens here; the request asks and is told, it never writes a slot.
 *
 * <pre>
 *   open ──► DISPATCHED ──report──► REPORTED ──ack──► closed      (a stream sink's chunk)
 *                │   └────ack─────► ACKED ───report──► closed      (the ack overtook the report)
 *                └──────────report (no ack to wait for)──► closed
 *   DISPATCHED/ACKED ──overdue──► superseded ──report, its node lost, or abandoned──► closed
 * </pre>
 *
 * <p>A chunk holds its slot from dispatch until it has reported and, for a stream sink, until the
 * consumer has acknowledged it, so the window bounds both the RPCs in flight and the chunk data
 * held anywhere on the request's behalf. An attempt past its deadline leaves its slot (the chunk
 * goes out again under a new attempt, and the request does not stall behind it), but it stays
 * owned: its worker may still write into the request's file or buffer, so the request may not
 * complete until it has reported or its node is known dead, or until the request abandons it
 * after several more deadlines (a report that can never come must not hold it for ever).
 *
 * <p>Chunks to send again (an attempt lost with its worker, a short transfer, a verifier
 * mismatch) go before the cursor moves on. Each re-dispatch of a chunk gets the next attempt
 * number, which is how a late report from a superseded attempt is told apart. Nothing here grows
 * with the plan: the plan is walked with a cursor, and chunks to send again are kept as ranges.
 *
 * @param <W> how a worker is identified (an actor ref in the request, a string in tests)
 */
final class ChunkWindow<W> {

    /** Where an attempt in the window is. A closed attempt is no longer in the window at all. */
    enum State {
        /** Sent to a worker, which has not reported. */
        DISPATCHED,
        /** The stream consumer acknowledged the chunk before the worker's report came. */
        ACKED,
        /** Reported; its data is with a stream consumer that has not acknowledged it yet. */
        REPORTED,
        /** Past its deadline and sent again; still owned until it reports or its node is lost. */
        SUPERSEDED
    }

    /**
     * One attempt of one chunk. Its state is the window's to change. {@code attempt} tells this
     * attempt's report from any other of the chunk's; {@code tries} counts the sends of the chunk
     * toward its retry budget (1 for its first).
     */
    static final class Slot<W> {
        final int chunk;
        final int attempt;
        final int tries;
        final W worker;
        final int stable;
        private State state = State.DISPATCHED;

        private Slot(int chunk, int attempt, int tries, W worker, int stable) {
            this.chunk = chunk;
            this.attempt = attempt;
            this.tries = tries;
            this.worker = worker;
            this.stable = stable;
        }

        State state() {
            return state;
        }

        /** Whether the worker has not reported yet. */
        boolean unreported() {
            return state != State.REPORTED;
        }
    }

    /**
     * Chunks {@code first..last} to send again: each goes out as attempt {@code attempt + 1}, its
     * send number {@code tries + 1}.
     */
    private record Resend(int first, int last, int attempt, int tries) {
    }

    private final ChunkPlan plan;
    private final int capacity;
    private final Map<Integer, Slot<W>> slots = new HashMap<>();
    private final List<Slot<W>> superseded = new ArrayList<>();
    private final Deque<Resend> redo = new ArrayDeque<>();
    private int cursor;
    private int highestAttempt;
    private boolean stopped;

    ChunkWindow(ChunkPlan plan, int capacity) {
        this.plan = plan;
        this.capacity = capacity;
    }

    boolean hasRoom() {
        return slots.size() < capacity;
    }

    /** Slots taken in the window; superseded attempts take none. */
    int size() {
        return slots.size();
    }

    /** Whether no attempt is owned at all: none in the window, none superseded and still out. */
    boolean nothingOwned() {
        return slots.isEmpty() && superseded.isEmpty();
    }

    /** Whether nothing is owned and nothing is left to send before the count's end: the transfer is over. */
    boolean settled(PrefixAccounting<?> prefix) {
        return nothingOwned() && next(prefix) == null;
    }

    // ---- what goes out ----------------------------------------------------------------------

    /** The next chunk worth sending, without taking it; null when none is left before the count's end. */
    Integer next(PrefixAccounting<?> prefix) {
        if (stopped) {
            return null;
        }
        while (!redo.isEmpty() && prefix.endedBefore(plan.chunkOffset(redo.peek().first()))) {
            // The count ends before this range; so it does before every later chunk of it.
            redo.poll();
        }
        if (!redo.isEmpty()) {
            return redo.peek().first();
        }
        if (cursor < plan.count() && !prefix.endedBefore(plan.chunkOffset(cursor))) {
            return cursor;
        }
        return null;
    }

    /** Takes {@code chunk} (the one {@link #next} gave) into the window as its next attempt. */
    Slot<W> open(int chunk, W worker, int stable) {
        int attempt;
        int tries;
        Resend head = redo.peek();
        if (head != null && head.first() == chunk) {
            redo.poll();
            if (head.last() > chunk) {
                redo.addFirst(new Resend(chunk + 1, head.last(), head.attempt(), head.tries()));
            }
            attempt = head.attempt() + 1;
            tries = head.tries() + 1;
        } else if (chunk == cursor) {
            cursor++;
            attempt = 1;
            tries = 1;
        } else {
            throw new IllegalStateException("chunk " + chunk + " is not next");
        }
        highestAttempt = Math.max(highestAttempt, attempt);
        Slot<W> slot = new Slot<>(chunk, attempt, tries, worker, stable);
        slots.put(chunk, slot);
        return slot;
    }

    /**
     * {@code slots}' chunks go out again before anything else, lowest first, each under its next
     * attempt.
     */
    void sendAgainFirst(List<Slot<W>> slots) {
        if (stopped) {
            return;
        }
        List<Slot<W>> descending = new ArrayList<>(slots);
        descending.sort((a, b) -> Integer.compare(b.chunk, a.chunk));
        for (Slot<W> slot : descending) {
            redo.addFirst(new Resend(slot.chunk, slot.chunk, slot.attempt, slot.tries));
        }
    }

    /**
     * Chunks {@code first..last} go out again after the others waiting to (the chunks a COMMIT
     * found lost, in file order), as a new series: their attempt numbers are above any this
     * request ever sent, so no late report of an attempt given up with its node can be taken
     * for theirs, and each has its whole retry budget again.
     */
    void sendAgain(int first, int last) {
        if (!stopped) {
            redo.addLast(new Resend(first, last, highestAttempt, 0));
        }
    }

    /** The lowest offset waiting to be sent again; {@code Long.MAX_VALUE} if none. */
    long firstResendOffset() {
        long at = Long.MAX_VALUE;
        for (Resend r : redo) {
            at = Math.min(at, plan.chunkOffset(r.first()));
        }
        return at;
    }

    boolean hasResends() {
        return !redo.isEmpty();
    }

    /** Nothing more is sent, not even resends; the attempts out stay owned until they report. */
    void stopSending() {
        stopped = true;
        redo.clear();
    }

    boolean stopped() {
        return stopped;
    }

    // ---- what comes back --------------------------------------------------------------------

    /**
     * The attempt a worker's report is for, if this request still owns it and it has not
     * reported: the current attempt of the chunk, or a superseded one. Null for anything else (a
     * duplicate, an attempt already given up with its node).
     */
    Slot<W> reporting(int chunk, int attempt) {
        Slot<W> slot = slots.get(chunk);
        if (slot != null && slot.attempt == attempt && slot.unreported()) {
            return slot;
        }
        for (Slot<W> s : superseded) {
            if (s.chunk == chunk && s.attempt == attempt) {
                return s;
            }
        }
        return null;
    }

    /**
     * {@code slot} (from {@link #reporting}) has reported. A superseded attempt is simply no longer
     * owned; its outcome is someone else's to count. A current one waits for the consumer's ack
     * when {@code awaitAck} and the ack has not come yet, else it closes.
     */
    void reported(Slot<W> slot, boolean awaitAck) {
        if (slot.state == State.SUPERSEDED) {
            superseded.remove(slot);
        } else if (awaitAck && slot.state == State.DISPATCHED) {
            slot.state = State.REPORTED;
        } else {
            close(slot);
        }
    }

    /**
     * The consumer acknowledged (chunk, attempt). Returns false, changing nothing, when that is
     * not the chunk's current attempt in the window.
     */
    boolean acked(int chunk, int attempt) {
        Slot<W> slot = slots.get(chunk);
        if (slot == null || slot.attempt != attempt) {
            return false;
        }
        if (slot.state == State.REPORTED) {
            close(slot);
        } else {
            slot.state = State.ACKED;
        }
        return true;
    }

    /**
     * The current attempt (chunk, attempt) passed its deadline without a report: it leaves the
     * window, superseded but still owned, and is returned so that the chunk can be sent again.
     * Null when that attempt has reported or is not current.
     */
    Slot<W> overdue(int chunk, int attempt) {
        Slot<W> slot = slots.get(chunk);
        if (slot == null || slot.attempt != attempt || !slot.unreported()) {
            return null;
        }
        close(slot);
        slot.state = State.SUPERSEDED;
        superseded.add(slot);
        return slot;
    }

    /** The current attempts on {@code worker} that have not reported, lowest chunk first. */
    List<Slot<W>> unreportedOn(W worker) {
        List<Slot<W>> out = new ArrayList<>();
        for (Slot<W> slot : slots.values()) {
            if (slot.worker.equals(worker) && slot.unreported()) {
                out.add(slot);
            }
        }
        out.sort(java.util.Comparator.comparingInt(s -> s.chunk));
        return out;
    }

    /**
     * Gives up the superseded attempt (chunk, attempt), which neither reported nor died with its
     * node within its last deadline: the request no longer waits for it. Returns it, or null when
     * it is no longer owned.
     */
    Slot<W> abandon(int chunk, int attempt) {
        for (Slot<W> s : superseded) {
            if (s.chunk == chunk && s.attempt == attempt) {
                superseded.remove(s);
                return s;
            }
        }
        return null;
    }

    /**
     * Drops every attempt that died with {@code worker} and returns the current ones, whose chunks
     * must go out again: the ones it had not reported, and the ones it reported while their data,
     * sent by the worker straight to a stream consumer, is still unacknowledged: that data may
     * have died in the worker's outbox, and a consumer waiting for it in order would wait
     * forever. Sending such a chunk again is safe: a consumer may receive a chunk twice, and the
     * byte count does not add a chunk twice. Its superseded attempts are simply no longer owned.
     */
    List<Slot<W>> lostWith(W worker) {
        superseded.removeIf(s -> s.worker.equals(worker));
        List<Slot<W>> lost = new ArrayList<>();
        for (Slot<W> slot : slots.values()) {
            if (slot.worker.equals(worker)) {
                lost.add(slot);
            }
        }
        lost.forEach(this::close);
        return lost;
    }

    /**
     * The stream consumer is gone and will never ack: reported chunks close now, and the ones
     * still out close when they report.
     */
    void consumerGone() {
        slots.values().removeIf(s -> s.state == State.REPORTED);
        slots.values().forEach(s -> s.state = State.ACKED);
    }

    /**
     * Frees the slots of reported chunks that wait for an ack past the end of the count: an
     * in-order consumer waits for the gap before them to fill, which never happens.
     */
    void releaseAcksBeyond(PrefixAccounting<?> prefix) {
        slots.values().removeIf(s -> s.state == State.REPORTED && prefix.endedBefore(plan.chunkOffset(s.chunk)));
    }

    /** The lowest offset whose chunk is not done or reported yet; {@code Long.MAX_VALUE} if none. */
    long firstUnfinishedOffset() {
        long at = firstResendOffset();
        if (cursor < plan.count()) {
            at = Math.min(at, plan.chunkOffset(cursor));
        }
        for (Slot<W> slot : slots.values()) {
            if (slot.unreported()) {
                at = Math.min(at, plan.chunkOffset(slot.chunk));
            }
        }
        return at;
    }

    private void close(Slot<W> slot) {
        slots.remove(slot.chunk, slot);
    }
}
