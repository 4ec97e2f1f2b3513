package io.nfsdirect.worker;

import static io.nfsdirect.worker.Stages.await;
import static io.nfsdirect.worker.Stages.failure;
import static io.nfsdirect.worker.Stages.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.nfs3.Getattr3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.worker.FakeRpcServer.Action;
import io.nfsdirect.worker.FakeRpcServer.Call;
import io.nfsdirect.worker.FakeRpcServer.Disconnect;
import io.nfsdirect.worker.FakeRpcServer.RawRecord;
import io.nfsdirect.worker.FakeRpcServer.Reply;
import io.nfsdirect.worker.FakeRpcServer.Silence;
import org.junit.jupiter.api.Test;

/**
 * The transport's failure handling, against a hand-made RPC server that misbehaves on purpose.
 */
class Nfs3ClientFaultTest {

    private static final NfsFh3 FH = new NfsFh3(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    private static Nfs3ClientConfig.Builder config(FakeRpcServer server) {
        return Nfs3ClientConfig.builder("127.0.0.1").nfsPort(server.port()).mountPort(server.port())
                .timeout(Duration.ofSeconds(30)).retrans(0);
    }

    private static byte[] fattr3() {
        return FakeRpcServer.xdr(Nfs3.NF3REG, 0644, 1, 0, 0).l(42).l(4096).i(0).i(0).l(7).l(99)
                .i(1).i(0).i(2).i(0).i(3).i(0).bytes();
    }

    private static Action getattrOk() {
        return new Reply(FakeRpcServer.success(FakeRpcServer.xdr(0).append(fattr3()).bytes()));
    }

    private static Action slowGetattrOk() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return getattrOk();
    }

    private static Action nullOk() {
        return new Reply(FakeRpcServer.success(new byte[0]));
    }

    @Test
    void silentServerTimesOutAfterRetransmissionsNamingServerAndProcedure() throws Exception {
        try (FakeRpcServer server = new FakeRpcServer(call -> new Silence());
             Nfs3Client client = Nfs3Client.open(config(server).timeout(Duration.ofMillis(200)).retrans(3).build())) {
            long start = System.nanoTime();
            NfsException e = failure(client.getattr(FH));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertEquals(Errno.ETIMEDOUT, e.errno());
            assertNull(e.status());
            assertTrue(e.getMessage().startsWith("GETATTR to 127.0.0.1:" + server.port() + " timed out after 4 tries"),
                    e.getMessage());
            assertTrue(elapsedMs >= 780 && elapsedMs < 5000, "timed out after " + elapsedMs + " ms, expected ~800");
            // Every transmission was the same call: same XID, so a server's duplicate cache can match it.
            List<Call> sent = server.calls();
            assertEquals(4, sent.size());
            assertEquals(1, sent.stream().map(Call::xid).distinct().count(), "retransmissions keep the XID");
            Nfs3ClientStats stats = client.stats();
            assertEquals(1, stats.ops("GETATTR"));
            assertEquals(3, stats.retransmits());
            assertEquals(1, stats.timeouts());
            assertEquals(1, stats.errors());
            assertEquals(0, stats.inFlight());
        }
    }

    @Test
    void truncatedReplyFailsNamingTheXdrFieldAndTheClientStaysUsable() throws Exception {
        AtomicInteger n = new AtomicInteger();
        FakeRpcServer.Handler handler = call -> n.incrementAndGet() == 1
                // NFS3_OK followed by the first 3 words of a fattr3 only
                ? new Reply(FakeRpcServer.success(FakeRpcServer.xdr(0, 1, 0644, 1).bytes()))
                : getattrOk();
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).build())) {
            NfsException e = failure(client.getattr(FH));
            assertEquals(Errno.EPROTO, e.errno());
            XdrException xdr = assertInstanceOf(XdrException.class, e.getCause(), "cause");
            assertTrue(e.getMessage().contains(xdr.field()), e.getMessage());
            assertTrue(e.getMessage().startsWith("GETATTR to 127.0.0.1:" + server.port() + ": malformed reply"),
                    e.getMessage());

            var ok = await(client.getattr(FH));
            assertEquals(0, ok.status);
            assertEquals(42, ok.objAttributes.size);
            assertEquals(1, server.connectionsAccepted(), "same connection still in use");
        }
    }

    @Test
    void aPerCallObserverSeesTheRetransmissionsOfItsOwnCall() throws Exception {
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        FakeRpcServer.Handler handler = call -> received.incrementAndGet() == 1
                ? new Silence()
                : new Reply(FakeRpcServer.success(FakeRpcServer.xdr(0, 0, 4, 1).opaque(new byte[] {1, 2, 3, 4}).bytes()));
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).timeout(Duration.ofMillis(200)).retrans(2).build())) {
            java.util.concurrent.atomic.AtomicInteger transmissions = new java.util.concurrent.atomic.AtomicInteger();
            ByteBuffer dest = ByteBuffer.allocate(4);
            Read3Res res = client.read(FH, 0, 4, dest, (proc, nanos, sent, failure) -> transmissions.set(sent))
                    .toCompletableFuture().get();
            assertEquals(4, res.count);
            assertEquals(2, transmissions.get(), "the observer saw the one retransmission of its call");
            assertEquals(1, client.stats().retransmits());
        }
    }

    @Test
    void readReplyThatLiesAboutItsLengthNamesTheField() throws Exception {
        FakeRpcServer.Handler handler = call -> {
            int count = FakeRpcServer.readInt(call.args(), 20);
            byte[] data = new byte[count == 100 ? 50 : 200];
            // status OK, no attributes, count, eof=false, opaque data
            return new Reply(FakeRpcServer.success(FakeRpcServer.xdr(0, 0, 100, 0).opaque(data).bytes()));
        };
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).build())) {
            NfsException wrongCount = failure(client.read(FH, 0, 100, ByteBuffer.allocate(100)));
            assertEquals(Errno.EPROTO, wrongCount.errno());
            assertTrue(wrongCount.getMessage().contains("READ3resok.count"), wrongCount.getMessage());

            ByteBuffer small = ByteBuffer.allocate(101);
            NfsException tooLong = failure(client.read(FH, 0, 101, small));
            assertEquals(Errno.EPROTO, tooLong.errno());
            assertTrue(tooLong.getMessage().contains("READ3resok"), tooLong.getMessage());
            assertEquals(0, small.position(), "nothing copied into the destination");
        }
    }

    /** A READ reply bigger than the reader's head takes the short way: checked, then read straight in. */
    @Test
    void largeReadRepliesLandInTheDestinationAndLiesAreCaughtBeforeAByteMoves() throws Exception {
        byte[] content = new byte[5000];
        new java.util.Random(3).nextBytes(content);
        FakeRpcServer.Handler handler = call -> {
            int count = FakeRpcServer.readInt(call.args(), 20);
            // count 4999 is answered with a count field that disagrees with the 5000 data bytes
            int claimed = count == 4999 ? 100 : content.length;
            return new Reply(FakeRpcServer.success(FakeRpcServer.xdr(0, 1).append(fattr3())
                    .i(claimed).i(1).opaque(content).bytes()));
        };
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).build())) {
            ByteBuffer dest = ByteBuffer.allocateDirect(6000).position(7);
            Read3Res res = await(client.read(FH, 0, 5000, dest));
            assertEquals(5000, res.count);
            assertTrue(res.eof);
            assertEquals(42, res.fileAttributes.attributes.size, "attributes decoded from the head");
            assertEquals(5007, dest.position());
            byte[] got = new byte[5000];
            dest.get(7, got);
            assertArrayEquals(content, got);

            ByteBuffer lied = ByteBuffer.allocate(6000);
            NfsException wrongCount = failure(client.read(FH, 0, 4999, lied));
            assertEquals(Errno.EPROTO, wrongCount.errno());
            assertTrue(wrongCount.getMessage().contains("READ3resok.count"), wrongCount.getMessage());
            assertEquals(0, lied.position(), "nothing copied into the destination");

            ByteBuffer small = ByteBuffer.allocate(4500);
            NfsException tooLong = failure(client.read(FH, 0, 4500, small));
            assertEquals(Errno.EPROTO, tooLong.errno());
            assertTrue(tooLong.getMessage().contains("exceeds the 4500 bytes left in the destination"),
                    tooLong.getMessage());
            assertEquals(0, small.position(), "nothing copied into the destination");

            // Each refused record was skipped to its end: the same connection still reads right.
            ByteBuffer again = ByteBuffer.allocate(5000);
            assertEquals(5000, await(client.read(FH, 0, 5000, again)).count);
            assertArrayEquals(content, again.array());
            assertEquals(1, server.connectionsAccepted(), "same connection throughout");
        }
    }

    @Test
    void aLargeReplyInSeveralFragmentsIsAssembledAndRead() throws Exception {
        byte[] content = new byte[3000];
        new java.util.Random(4).nextBytes(content);
        FakeRpcServer.Handler handler = call -> {
            byte[] body = FakeRpcServer.success(FakeRpcServer.xdr(0, 0, content.length, 0).opaque(content).bytes());
            ByteBuffer record = ByteBuffer.allocate(4 + 4 + 4 + body.length + 4);
            int first = 2000;                            // xid + the first part of the body
            record.putInt(first).putInt(call.xid()).put(body, 0, first - 4);
            record.putInt(0x80000000 | (body.length - (first - 4))).put(body, first - 4, body.length - (first - 4));
            return new RawRecord(java.util.Arrays.copyOf(record.array(), record.position()));
        };
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).build())) {
            ByteBuffer dest = ByteBuffer.allocate(3000);
            assertEquals(3000, await(client.read(FH, 0, 3000, dest)).count);
            assertArrayEquals(content, dest.array());
        }
    }

    @Test
    void callsInFlightWhenTheServerClosesTheConnectionGoOutAgainOnANewOne() throws Exception {
        FakeRpcServer.Handler handler = call -> call.procedure() == Nfs3.PROC_NULL ? nullOk()
                : call.connection() == 1 ? new Silence() : getattrOk();
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).build())) {
            List<CompletionStage<Getattr3Res>> pending = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pending.add(client.getattr(FH));
            }
            waitFor(() -> server.calls().size() == 3);
            long start = System.nanoTime();
            server.dropConnections();
            for (CompletionStage<Getattr3Res> stage : pending) {
                assertEquals(Nfs3.NFS3_OK, await(stage).status);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 2000, "resent after " + ms + " ms; timeo is 30 s");
            assertEquals(2, server.connectionsAccepted(), "one new connection for all three");
        }
    }

    @Test
    void aServerThatClosesAfterEveryCallStillAnswersEveryRead() throws Exception {
        byte[] content = new byte[64 * 1024];
        new java.util.Random(4).nextBytes(content);
        FakeRpcServer.Handler handler = call -> {
            if (call.procedure() == Nfs3.PROC_NULL) {
                return nullOk();
            }
            int offset = (int) FakeRpcServer.readLong(call.args(), 12);
            int count = FakeRpcServer.readInt(call.args(), 20);
            byte[] data = java.util.Arrays.copyOfRange(content, offset, offset + count);
            return new FakeRpcServer.ReplyThenDisconnect(FakeRpcServer.success(
                    FakeRpcServer.xdr(0, 0, count, 0).opaque(data).bytes()));
        };
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).connections(2).build())) {
            List<CompletionStage<Read3Res>> reads = new ArrayList<>();
            List<ByteBuffer> into = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ByteBuffer dest = ByteBuffer.allocate(4096);
                into.add(dest);
                reads.add(client.read(FH, i * 4096L, 4096, dest));
            }
            for (int i = 0; i < 16; i++) {
                assertEquals(4096, await(reads.get(i)).count);
                assertArrayEquals(java.util.Arrays.copyOfRange(content, i * 4096, (i + 1) * 4096), into.get(i).array(),
                        "read " + i);
            }
            assertTrue(server.connectionsAccepted() >= 8, "connections: " + server.connectionsAccepted());
        }
    }

    @Test
    void aCreateInFlightWhenTheConnectionDiesFailsWithEconnresetInsteadOfRunningTwice() throws Exception {
        FakeRpcServer.Handler handler = call -> call.procedure() == Nfs3.PROC_NULL ? nullOk() : new Silence();
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).build())) {
            CompletionStage<?> create = client.create(new io.nfsdirect.protocol.nfs3.Create3Args(
                    new io.nfsdirect.protocol.nfs3.DirOpArgs3(FH, "f"), Nfs3.UNCHECKED,
                    new io.nfsdirect.protocol.nfs3.Sattr3(), null));
            waitFor(() -> server.calls().stream().anyMatch(c -> c.procedure() == Nfs3.PROC_CREATE));
            server.dropConnections();
            NfsException e = failure(create);
            assertEquals(Errno.ECONNRESET, e.errno(), e.getMessage());
            assertTrue(e.getMessage().startsWith("CREATE to 127.0.0.1:" + server.port() + ": connection closed"),
                    e.getMessage());
            assertEquals(1, server.calls().stream().filter(c -> c.procedure() == Nfs3.PROC_CREATE).count());
        }
    }

    @Test
    void aServerThatStaysAwayFailsTheCallWithEtimedoutAfterItsBudget() throws Exception {
        FakeRpcServer server = new FakeRpcServer(call -> call.procedure() == Nfs3.PROC_NULL ? nullOk() : new Silence());
        int port = server.port();
        try (Nfs3Client client = Nfs3Client.open(config(server).timeout(Duration.ofMillis(300)).retrans(2).build())) {
            CompletionStage<Getattr3Res> call = client.getattr(FH);
            waitFor(() -> server.calls().size() >= 2);
            long start = System.nanoTime();
            server.close();
            NfsException e = failure(call);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Errno.ETIMEDOUT, e.errno(), e.getMessage());
            assertTrue(e.getMessage().startsWith("GETATTR to 127.0.0.1:" + port + ": no reply within 900 ms"),
                    e.getMessage());
            assertTrue(ms < 3000, "gave up after " + ms + " ms");
        }
    }

    @Test
    void closeFailsEveryPendingCallAndLaterCalls() throws Exception {
        try (FakeRpcServer server = new FakeRpcServer(call -> new Silence())) {
            Nfs3Client client = Nfs3Client.open(config(server).connections(2).build());
            List<CompletionStage<?>> pending = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pending.add(client.read(FH, i, 10, ByteBuffer.allocate(10)));
            }
            waitFor(() -> server.calls().size() == 4);
            client.close();
            for (CompletionStage<?> stage : pending) {
                assertTrue(stage.toCompletableFuture().isDone(), "failed by the time close() returns");
                NfsException e = failure(stage);
                assertEquals(Errno.ECANCELED, e.errno());
                assertTrue(e.getMessage().contains("READ to 127.0.0.1:" + server.port()), e.getMessage());
                assertTrue(e.getMessage().contains("client closed"), e.getMessage());
            }
            assertEquals(Errno.ECANCELED, failure(client.null_()).errno());
            client.close();  // idempotent
        }
    }

    @Test
    void oversizedReplyRecordIsRefusedBeforeItIsBuffered() throws Exception {
        AtomicInteger n = new AtomicInteger();
        FakeRpcServer.Handler handler = call -> {
            if (call.procedure() == Nfs3.PROC_NULL) {
                return nullOk();
            }
            if (n.incrementAndGet() == 1) {
                // A single last fragment announcing 1 GiB; only its first bytes ever come.
                return new RawRecord(FakeRpcServer.xdr(0x80000000 | (1 << 30), call.xid(), 1, 0).bytes());
            }
            // Endless empty fragments that never end the record.
            FakeRpcServer.Xdr markers = new FakeRpcServer.Xdr();
            for (int i = 0; i < 40_000; i++) {
                markers.i(0);
            }
            return new RawRecord(markers.bytes());
        };
        int limit = Nfs3ClientConfig.RECORD_OVERHEAD + 4096;
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).maxRecordSize(limit).build())) {
            for (int round = 0; round < 2; round++) {
                NfsException e = failure(client.getattr(FH));
                assertEquals(Errno.EPROTO, e.errno());
                assertTrue(e.getMessage().contains("exceeds the client limit of " + limit + " bytes (maxRecordSize)"),
                        e.getMessage());
            }
            await(client.null_());
            assertEquals(3, server.connectionsAccepted(), "each violation dropped its connection");
        }
    }

    @Test
    void rpcLevelRejectionsNameServerProcedureAndCause() throws Exception {
        List<byte[]> replies = List.of(
                FakeRpcServer.accepted(1, new byte[0]),                              // PROG_UNAVAIL
                FakeRpcServer.accepted(2, FakeRpcServer.xdr(2, 2).bytes()),          // PROG_MISMATCH 2..2
                FakeRpcServer.accepted(3, new byte[0]),                              // PROC_UNAVAIL
                FakeRpcServer.accepted(4, new byte[0]),                              // GARBAGE_ARGS
                FakeRpcServer.accepted(5, new byte[0]),                              // SYSTEM_ERR
                FakeRpcServer.authError(1),                                          // AUTH_BADCRED
                FakeRpcServer.xdr(1, 1, 0, 4, 4).bytes(),                            // RPC_MISMATCH 4..4
                FakeRpcServer.xdr(1, 7).bytes());                                    // bad reply_stat
        List<Errno> expected = List.of(Errno.EPROTO, Errno.EPROTO, Errno.EPROTO, Errno.EIO, Errno.EIO,
                Errno.EACCES, Errno.EPROTO, Errno.EPROTO);
        List<String> names = List.of("PROG_UNAVAIL", "PROG_MISMATCH", "PROC_UNAVAIL", "GARBAGE_ARGS",
                "SYSTEM_ERR", "AUTH_ERROR", "RPC_MISMATCH", "reply_stat");
        AtomicInteger n = new AtomicInteger();
        try (FakeRpcServer server = new FakeRpcServer(call -> new Reply(replies.get(n.getAndIncrement())));
             Nfs3Client client = Nfs3Client.open(config(server).build())) {
            for (int i = 0; i < replies.size(); i++) {
                NfsException e = failure(client.getattr(FH));
                assertEquals(expected.get(i), e.errno(), e.getMessage());
                assertTrue(e.getMessage().startsWith("GETATTR to 127.0.0.1:" + server.port() + ": "), e.getMessage());
                assertTrue(e.getMessage().contains(names.get(i)), e.getMessage());
            }
            assertEquals(1, server.connectionsAccepted());
        }
    }

    @Test
    void repliesInReverseOrderReachTheirOwnCallsAcrossConnections() throws Exception {
        int calls = 64;
        try (FakeRpcServer server = new FakeRpcServer(call -> new Silence());
             Nfs3Client client = Nfs3Client.open(config(server).connections(4).build())) {
            List<CompletionStage<Read3Res>> reads = new ArrayList<>();
            List<ByteBuffer> buffers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                ByteBuffer dest = ByteBuffer.allocate(16);
                buffers.add(dest);
                reads.add(client.read(FH, i * 1000L, 16, dest));
            }
            waitFor(() -> server.calls().size() == calls);
            List<Call> received = new ArrayList<>(server.calls());
            Collections.reverse(received);
            for (Call call : received) {
                long offset = ((long) FakeRpcServer.readInt(call.args(), 12) << 32)
                        | (FakeRpcServer.readInt(call.args(), 16) & 0xffffffffL);
                server.reply(call, FakeRpcServer.success(FakeRpcServer.xdr(0, 0, 16, 0).opaque(pattern(offset)).bytes()));
            }
            for (int i = 0; i < calls; i++) {
                Read3Res res = await(reads.get(i));
                assertEquals(16, res.count);
                assertArrayEquals(pattern(i * 1000L), buffers.get(i).array(), "read " + i);
                assertEquals(16, buffers.get(i).position());
            }
            assertEquals(4, server.connectionsAccepted());
            assertEquals(4, received.stream().map(Call::connection).distinct().count(), "round-robin over 4");
        }
    }

    @Test
    void completionsRunOnTheCallbackExecutorNeverOnTheSelector() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-callbacks"));
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<String> listened = Collections.synchronizedList(new ArrayList<>());
        // Replies come late enough that every continuation is attached before its call completes
        // (one attached to a completed stage runs on the attaching thread, by CompletableFuture's rules).
        try (FakeRpcServer server = new FakeRpcServer(call -> slowGetattrOk());
             Nfs3Client client = Nfs3Client.open(config(server).callbackExecutor(executor)
                     .callListener((proc, nanos, tries, failure) -> listened.add(proc + "/" + tries + "/" + failure))
                     .build())) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                all.add(client.getattr(FH).thenRun(() -> threads.add(Thread.currentThread().getName()))
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(Set.of("test-callbacks"), threads);
            assertEquals(20, listened.size());
            assertTrue(listened.stream().allMatch(s -> s.equals("GETATTR/1/null")), listened.toString());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void defaultCallbackThreadsAreNotTheSelector() throws Exception {
        try (FakeRpcServer server = new FakeRpcServer(call -> slowGetattrOk());
             Nfs3Client client = Nfs3Client.open(config(server).build())) {
            String thread = await(client.getattr(FH).thenApply(r -> Thread.currentThread().getName()));
            assertTrue(thread.contains("-callback-"), thread);
            assertFalse(thread.contains("selector"), thread);
        }
    }

    @Test
    void refusedConnectionNamesTheServer() throws Exception {
        int port;
        try (FakeRpcServer server = new FakeRpcServer(call -> new Silence())) {
            port = server.port();
        }
        NfsException e = failure(Nfs3Client.connect(Nfs3ClientConfig.builder("127.0.0.1").nfsPort(port)
                .mountPort(port).build()));
        assertEquals(Errno.ECONNREFUSED, e.errno());
        assertEquals("connect to 127.0.0.1:" + port + ": Connection refused (ECONNREFUSED)", e.getMessage());
    }

    @Test
    void aDisconnectBeforeTheReplyResendsOnlyThatConnectionsCall() throws Exception {
        FakeRpcServer.Handler handler = call -> call.procedure() == Nfs3.PROC_NULL ? nullOk()
                : call.connection() == 1 ? new Disconnect() : getattrOk();
        try (FakeRpcServer server = new FakeRpcServer(handler);
             Nfs3Client client = Nfs3Client.open(config(server).connections(2).build())) {
            assertEquals(0, await(client.getattr(FH)).status);      // slot 1: dropped, resent on a new connection
            assertEquals(0, await(client.getattr(FH)).status);      // slot 2: connection 2 is fine
            assertEquals(3, server.connectionsAccepted());
            assertEquals(1, client.stats().procedures().get("GETATTR").retransmits(), "the resend counts as one");
        }
    }

    @Test
    void fullSendQueueFailsCallsWithEagainInsteadOfGrowing() throws Exception {
        // A server that accepts and never reads: the kernel buffers fill, then the send queue.
        try (java.net.ServerSocket stuck = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<java.net.Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(stuck.accept());
                    }
                } catch (java.io.IOException e) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (java.io.IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (Nfs3Client client = Nfs3Client.open(Nfs3ClientConfig.builder("127.0.0.1").nfsPort(stuck.getLocalPort())
                    .mountPort(stuck.getLocalPort()).maxSendQueueBytes(2 * 1024 * 1024).build())) {
                ByteBuffer data = ByteBuffer.allocate(1024 * 1024);
                List<CompletionStage<?>> writes = new ArrayList<>();
                // Far more than the kernel can hold for a peer that never reads: with tcp_rmem's
                // maximum at 32 MiB here, 64 MiB was sometimes all absorbed. The buffer is shared,
                // so what the queue holds is bounded by maxSendQueueBytes, not by this count.
                for (int i = 0; i < 512; i++) {
                    writes.add(client.write(FH, (long) i << 20, data, Nfs3.FILE_SYNC));
                }
                NfsException e = failure(writes.get(writes.size() - 1));
                assertEquals(Errno.EAGAIN, e.errno(), e.getMessage());
                assertTrue(e.getMessage().startsWith("WRITE to 127.0.0.1:" + stuck.getLocalPort() + ": send queue full"),
                        e.getMessage());
            }
        }
    }

    @Test
    void portmapperAnswersAreTrustedOnlyForTheSameServer() {
        Nfs3ClientConfig none = Nfs3ClientConfig.builder("h").build();
        assertEquals(new PortDiscovery.Ports(2049, 2049, false), PortDiscovery.choose(none, 0, 0));
        assertEquals(new PortDiscovery.Ports(20490, 20491, true), PortDiscovery.choose(none, 20490, 20491));
        assertEquals(new PortDiscovery.Ports(20490, 20490, true), PortDiscovery.choose(none, 20490, 0));
        Nfs3ClientConfig nfsOnly = Nfs3ClientConfig.builder("h").nfsPort(30000).build();
        // The portmapper describes another server on this host: MOUNT goes to our NFS port.
        assertEquals(new PortDiscovery.Ports(30000, 30000, true), PortDiscovery.choose(nfsOnly, 20490, 20491));
        // It describes our server: use its MOUNT port.
        assertEquals(new PortDiscovery.Ports(30000, 30001, true), PortDiscovery.choose(nfsOnly, 30000, 30001));
        Nfs3ClientConfig mountOnly = Nfs3ClientConfig.builder("h").mountPort(111).build();
        assertEquals(new PortDiscovery.Ports(20490, 111, true), PortDiscovery.choose(mountOnly, 20490, 20491));
    }

    static byte[] pattern(long seed) {
        byte[] b = new byte[16];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }
}
