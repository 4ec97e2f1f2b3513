package io.nfsdirect.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a node does when its actor system does, and does not, terminate in time. */
class TerminationWaitTest {

    private static final String NODE = "pekko://nfsdirect@127.0.0.1:4711";
    private static final String CLIENT = "a client node has nothing left to do";
    private static final Duration SHORT = Duration.ofMillis(50);

    private final List<String> warnings = new ArrayList<>();

    @Test
    void aTerminatedSystemIsNoNews() {
        assertTrue(TerminationWait.await(CompletableFuture.completedFuture("terminated"), SHORT, NODE, null,
                () -> "nothing", warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aClientLeavesAStalledSystemBehindWithOneWarningOfWhatStillRuns() {
        assertFalse(TerminationWait.await(new CompletableFuture<>(), SHORT, NODE, CLIENT,
                () -> "actors: /system/remoting-terminator", warnings::add));
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.contains(NODE) && w.contains("did not stop within PT0.05S; " + CLIENT + ", so it is left")
                && w.contains("actors: /system/remoting-terminator"), w);
    }

    @Test
    void aServerNodesStallStaysAnErrorAfterTheSameWarning() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TerminationWait.await(
                new CompletableFuture<>(), SHORT, NODE, null, () -> "actors: ...", warnings::add));
        assertEquals("the node " + NODE + " did not stop within PT0.05S", e.getMessage());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("actors: ..."), warnings.toString());
    }

    @Test
    void aDiagnosticThatFailsStillWarnsAndDecides() {
        assertFalse(TerminationWait.await(new CompletableFuture<>(), SHORT, NODE, CLIENT, () -> {
            throw new IllegalStateException("system gone");
        }, warnings::add));
        assertTrue(warnings.get(0).contains(NODE) && warnings.get(0).contains("system gone"), warnings.toString());
    }

    @Test
    void aBusyThreadShowsWhereItIsAndTheCallerIsLeftOut() throws Exception {
        Object lock = new Object();
        CompletableFuture<Void> inside = new CompletableFuture<>();
        Thread busy = new Thread(() -> {
            synchronized (lock) {
                inside.complete(null);
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "stuck-in-post-stop");
        busy.start();
        try {
            inside.get();
            // Between complete() and wait() the thread is not yet where the test wants it.
            StackTraceElement[] stack;
            while (!Arrays.toString(stack = busy.getStackTrace()).contains("java.lang.Object.wait")) {
                Thread.sleep(5);
            }
            String text = TerminationWait.threads(Map.of(busy, stack,
                    Thread.currentThread(), Thread.currentThread().getStackTrace()));
            assertTrue(text.startsWith("threads: 1 busy, 0 idle in a pool"), text);
            assertTrue(text.contains("\"stuck-in-post-stop\" WAITING") && text.contains("java.lang.Object.wait"), text);
            assertFalse(text.contains(Thread.currentThread().getName() + "\""), text);
        } finally {
            busy.interrupt();
            busy.join();
        }
    }

    @Test
    void aParkedPoolWorkerIsIdleAndAThreadParkedInOurCodeIsNot() {
        StackTraceElement park = new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2);
        StackTraceElement lockSupport = new StackTraceElement("java.util.concurrent.locks.LockSupport", "park",
                null, 341);
        assertTrue(TerminationWait.idleInPool(new StackTraceElement[] {park, lockSupport,
            new StackTraceElement("java.util.concurrent.ForkJoinPool", "awaitWork", null, 1724),
            new StackTraceElement("java.util.concurrent.ForkJoinPool", "runWorker", null, 1623)}));
        assertFalse(TerminationWait.idleInPool(new StackTraceElement[] {park, lockSupport,
            new StackTraceElement("java.util.concurrent.CompletableFuture", "get", null, 2095),
            new StackTraceElement("io.nfsdirect.worker.SomeActor", "postStop", null, 42),
            new StackTraceElement("java.util.concurrent.ForkJoinPool", "runWorker", null, 1623)}));
    }
}
