package io.nfsdirect.server;

import static io.nfsdirect.server.Wire.assertClosed;
import static io.nfsdirect.server.Wire.call;
import static io.nfsdirect.server.Wire.fh;
import static io.nfsdirect.server.Wire.receive;
import static io.nfsdirect.server.Wire.send;
import static io.nfsdirect.server.Wire.words;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Clients that cost the server without ever finishing: connections that never read their
 * replies, sit idle, drip bytes, or open more connections than the server will keep. Each test
 * runs the abuse against a real server over loopback and asserts the bound, then shows a good
 * client still served.
 */
class ConnectionLimitsTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;
    byte[] content;
    NfsServer server;

    @BeforeEach
    void file() throws IOException {
        content = new byte[2 * MIB];
        new Random(7).nextBytes(content);
        Files.write(dir.resolve("big.bin"), content);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private NfsServer start(ServerLimits limits) throws IOException {
        server = NfsServer.builder().export(dir).rootSquash(false).limits(limits).build().start();
        return server;
    }

    @Test
    void unreadRepliesStayWithinTheBoundsAndAGoodClientIsStillServed() throws Exception {
        long total = 24L * MIB;
        start(ServerLimits.DEFAULT.withReplies(8L * MIB, total));
        int attackers = 8;
        int calls = 100;
        List<Socket> sockets = new ArrayList<>();
        NfsFh3 handle;
        try (RawClient first = RawClient.root(server)) {
            handle = first.lookup(first.mnt(server.exportName()), "big.bin").object;
        }
        try {
            for (int a = 0; a < attackers; a++) {
                Socket s = Wire.connectTight(server);
                sockets.add(s);
                send(s, pipelinedReads(handle, calls, MIB));
            }
            // the server answers what it will while nobody reads; a good client connects meanwhile
            waitUntil(() -> server.state().budget.queued() >= total, 10_000);
            Thread.sleep(500);
            try (RawClient good = RawClient.root(server)) {
                for (int i = 0; i < 5; i++) {
                    assertGoodRead(good, handle, 100_000L * i);
                }
            }
            // the bound: what the server holds never passes the total plus each connection's floor
            long floor = AccountedProgram.floor(MIB);
            long bound = total + (attackers + 1) * floor;
            long peak = server.state().budget.peak();
            assertTrue(peak <= bound, "held " + peak + " bytes of unsent replies, bound " + bound);
            assertTrue(peak >= total / 2, "the attack reached the bound: " + peak);

            // reading resumes a paused connection: every call gets its answer, none is lost
            Socket reader = sockets.get(0);
            int ok = 0;
            int jukebox = 0;
            for (int i = 0; i < calls; i++) {
                int status = receive(reader).body().getInt();
                if (status == Nfs3.NFS3_OK) {
                    ok++;
                } else if (status == NfsStatus.NFS3ERR_JUKEBOX.code()) {
                    jukebox++;
                }
            }
            assertEquals(calls, ok + jukebox, "every call answered");
            assertTrue(ok > 0, "some served");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        waitUntil(() -> server.state().budget.queued() == 0, 10_000);
        assertEquals(0, server.state().budget.connections(), "every charge is given back");
    }

    @Test
    void idleAndSlowDripConnectionsAreClosedAndABusyOneIsNot() throws Exception {
        start(ServerLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(800)));
        try (Socket idle = Wire.connect(server);
             Socket drip = Wire.connect(server);
             Socket busy = Wire.connect(server)) {
            OutputStream dripOut = drip.getOutputStream();
            dripOut.write(0x80);   // a record mark that never completes
            long end = System.nanoTime() + 3_000_000_000L;
            int xid = 1;
            while (System.nanoTime() < end) {
                try {
                    dripOut.write(0);
                    dripOut.flush();
                } catch (IOException closedByServer) {
                    break;
                }
                send(busy, call(xid, Nfs3.PROGRAM, Nfs3.PROC_NULL, new byte[0]));
                assertEquals(xid, receive(busy).xid(), "the busy connection stays open");
                xid++;
                Thread.sleep(200);
            }
            assertClosed(idle);
            assertClosed(drip);
            send(busy, call(999, Nfs3.PROGRAM, Nfs3.PROC_NULL, new byte[0]));
            assertEquals(999, receive(busy).xid());
        }
    }

    @Test
    void theConnectionCapClosesTheConnectionIdleLongest() throws Exception {
        start(ServerLimits.DEFAULT.withMaxConnections(3));
        try (Socket first = Wire.connect(server);
             Socket second = Wire.connect(server);
             Socket third = Wire.connect(server)) {
            nullCall(first, 1);
            nullCall(second, 2);
            nullCall(third, 3);
            Thread.sleep(50);
            nullCall(first, 4);
            nullCall(third, 5);
            Thread.sleep(50);
            try (Socket fourth = Wire.connect(server)) {
                nullCall(fourth, 6);
                assertClosed(second);
                nullCall(first, 7);
                nullCall(third, 8);
                nullCall(fourth, 9);
            }
        }
    }

    @Test
    void aConnectionClosedWithRepliesQueuedIsLoggedOncePerConnection() throws Exception {
        start(ServerLimits.DEFAULT);
        Logger ledgerLog = (Logger) LoggerFactory.getLogger(ConnectionLedger.class);
        Level before = ledgerLog.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        ledgerLog.addAppender(events);
        ledgerLog.setLevel(Level.DEBUG);
        try (RawClient good = RawClient.root(server)) {
            NfsFh3 handle = good.lookup(good.mnt(server.exportName()), "big.bin").object;
            int connections = 3;
            for (int c = 0; c < connections; c++) {
                try (Socket s = Wire.connect(server)) {
                    send(s, pipelinedReads(handle, 50, MIB));
                    Thread.sleep(300);   // replies queue up behind the unread socket
                }
            }
            waitUntil(() -> closedLines(events) >= connections, 10_000);
            Thread.sleep(300);
            List<String> lines;
            synchronized (events) {
                lines = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            }
            assertEquals(connections, closedLines(events), "one line per closed connection: " + lines);
            assertGoodRead(good, handle, 0);
        } finally {
            ledgerLog.detachAppender(events);
            ledgerLog.setLevel(before);
        }
    }

    private static long closedLines(ListAppender<ILoggingEvent> events) {
        // Logback appends under the appender's own lock (AppenderBase.doAppend), not the list's.
        synchronized (events) {
            return events.list.stream().filter(e -> e.getFormattedMessage().contains("replies unsent")).count();
        }
    }

    private void assertGoodRead(RawClient good, NfsFh3 handle, long offset) throws IOException {
        Read3Res res = good.nfs(Nfs3.PROC_READ, new Read3Args(handle, offset, 200_000), new Read3Res());
        assertEquals(Nfs3.NFS3_OK, res.status);
        byte[] got = new byte[res.count];
        res.data.get(got);
        assertArrayEquals(Arrays.copyOfRange(content, (int) offset, (int) offset + 200_000), got);
    }

    private static void nullCall(Socket s, int xid) throws IOException {
        send(s, call(xid, Nfs3.PROGRAM, Nfs3.PROC_NULL, new byte[0]));
        assertEquals(xid, receive(s).xid());
    }

    private static byte[] pipelinedReads(NfsFh3 handle, int calls, int count) {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < calls; i++) {
            ByteArrayOutputStream args = new ByteArrayOutputStream();
            args.writeBytes(fh(handle));
            args.writeBytes(words(0, 0, count));
            requests.writeBytes(call(1000 + i, Nfs3.PROGRAM, Nfs3.PROC_READ, args.toByteArray()));
        }
        return requests.toByteArray();
    }

    private static void waitUntil(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
