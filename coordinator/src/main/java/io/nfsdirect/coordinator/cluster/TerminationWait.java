package io.nfsdirect.coordinator.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The wait for a node's actor system to terminate, and what a node does when it does not.
 *
 * <p>Pekko's termination can stall for good on a node whose work is done: a client node over TLS,
 * on a loaded machine, now and then never terminates, with every thread idle, so what it waits
 * for is a future that never completes. Which one is not known yet; a likely one is Artery's
 * shutdown, which waits without a bound for every stream of the transport to complete
 * (akka/akka-core#29162 has it hang after a TLS failure). A client node has by then printed its
 * results and has nothing left to lose, so turning its success into a failure helps no one: it
 * warns, with what still runs for the next time, and gets on with exiting. A server node's stall
 * stays an error, since whoever stops it may need to know it did not.
 */
final class TerminationWait {

    /** How many of a busy thread's frames the warning shows. */
    private static final int FRAMES = 4;

    private TerminationWait() {
    }

    /**
     * Waits up to {@code timeout} for {@code terminated}. When it does not complete in time,
     * {@code warn} gets one message naming {@code node} and what {@code running} says still runs;
     * then, given why a stalled system may be left behind ({@code abandon}), the wait returns
     * false, else ({@code null}) it throws.
     *
     * @return true when the system terminated (or the wait was interrupted, the flag kept), false
     *         when a stalled system was left behind
     * @throws IllegalStateException on a stall with no {@code abandon}
     */
    static boolean await(CompletionStage<?> terminated, Duration timeout, String node, String abandon,
                         Supplier<String> running, Consumer<String> warn) {
        try {
            terminated.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            // whenTerminated does not fail; were it to, the system is gone all the same.
            return true;
        } catch (TimeoutException e) {
            String what;
            try {
                what = running.get();
            } catch (RuntimeException failure) {
                what = "(cannot tell: " + failure + ")";
            }
            String stall = "the node " + node + " did not stop within " + timeout;
            String then = abandon != null ? "; " + abandon + ", so it is left to stop on its own" : "";
            warn.accept(stall + then + ". Still running:\n" + what);
            if (abandon != null) {
                return false;
            }
            throw new IllegalStateException(stall, e);
        }
    }

    /**
     * The JVM's live non-daemon threads but the caller's: a busy one with its top frames, the idle
     * ones of a pool (parked waiting for work) only counted, since a stalled termination with every
     * thread idle is a future that never completes rather than a thread stuck somewhere.
     */
    static String threads(Map<Thread, StackTraceElement[]> all) {
        List<String> busy = new ArrayList<>();
        int idle = 0;
        for (Map.Entry<Thread, StackTraceElement[]> e : all.entrySet()) {
            Thread t = e.getKey();
            if (t.isDaemon() || t == Thread.currentThread() || !t.isAlive()) {
                continue;
            }
            StackTraceElement[] stack = e.getValue();
            if (idleInPool(stack)) {
                idle++;
                continue;
            }
            StringBuilder b = new StringBuilder("  \"").append(t.getName()).append("\" ").append(t.getState());
            // Where it waits says more than how: the parking frames are skipped.
            int top = 0;
            while (top < stack.length - 1 && parking(stack[top])) {
                top++;
            }
            for (int i = top; i < Math.min(top + FRAMES, stack.length); i++) {
                b.append("\n      at ").append(stack[i]);
            }
            busy.add(b.toString());
        }
        busy.sort(null);
        StringBuilder out = new StringBuilder("threads: ").append(busy.size()).append(" busy, ").append(idle)
                .append(" idle in a pool");
        for (String b : busy) {
            out.append('\n').append(b);
        }
        return out.toString();
    }

    private static boolean parking(StackTraceElement frame) {
        return frame.getClassName().startsWith("jdk.internal.misc.")
                || frame.getClassName().startsWith("java.util.concurrent.locks.");
    }

    /** A pool thread waiting for its next task, or Pekko's scheduler between ticks: none of the node's work. */
    static boolean idleInPool(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            String m = f.getMethodName();
            if (c.equals("java.util.concurrent.ForkJoinPool") && m.equals("awaitWork")
                    || c.equals("java.util.concurrent.ThreadPoolExecutor") && m.equals("getTask")
                    || c.equals("org.apache.pekko.actor.LightArrayRevolverScheduler") && m.equals("waitNanos")) {
                return true;
            }
            if (!c.startsWith("jdk.internal.") && !c.startsWith("java.util.concurrent.")
                    && !c.equals("java.lang.Thread")) {
                return false;
            }
        }
        return false;
    }
}
