package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.nfsdirect.server.Wire.Reply;
import static io.nfsdirect.server.Wire.assertClosed;
import static io.nfsdirect.server.Wire.call;
import static io.nfsdirect.server.Wire.fh;
import static io.nfsdirect.server.Wire.receive;
import static io.nfsdirect.server.Wire.receiveWords;
import static io.nfsdirect.server.Wire.record;
import static io.nfsdirect.server.Wire.send;
import static io.nfsdirect.server.Wire.words;

/**
 * Hostile bytes on the wire. Each test sends something broken over a plain socket, checks the
 * server's answer (GARBAGE_ARGS, an NFS error, or a closed connection), and then proves that a
 * well-behaved client that was connected all along still gets correct data.
 */
class MalformedRequestTest {

    private static final int WTMAX = 64 * 1024;
    private static final int GARBAGE_ARGS = 4;
    private static final int PROG_UNAVAIL = 1;

    @TempDir
    Path dir;
    NfsServer server;
    RawClient good;
    NfsFh3 fileHandle;
    byte[] content;

    @BeforeEach
    void start() throws IOException {
        content = new byte[300_000];
        new Random(5).nextBytes(content);
        Files.write(dir.resolve("data.bin"), content);
        server = NfsServer.builder().export(dir).rootSquash(false).wtmax(WTMAX).build().start();
        good = RawClient.root(server);
        fileHandle = good.lookup(good.mnt(server.exportName()), "data.bin").object;
    }

    @AfterEach
    void stop() throws IOException {
        try {
            assertGoodClientIsServed();
        } finally {
            good.close();
            server.close();
        }
    }

    private void assertGoodClientIsServed() throws IOException {
        Read3Res res = good.nfs(Nfs3.PROC_READ, new Read3Args(fileHandle, 1001, 200_000), new Read3Res());
        assertEquals(Nfs3.NFS3_OK, res.status);
        byte[] got = new byte[res.count];
        res.data.get(got);
        assertArrayEquals(Arrays.copyOfRange(content, 1001, 201_001), got);
        try (RawClient late = RawClient.root(server)) {
            assertEquals(Nfs3.NFS3_OK, late.lookup(late.mnt(server.exportName()), "data.bin").status);
        }
    }

    @Test
    void readWithAnOpaqueLengthOf2GiBIsGarbage() throws IOException {
        try (Socket s = connect()) {
            send(s, call(7, Nfs3.PROGRAM, Nfs3.PROC_READ, words(0x7fffffff, 0, 0)));
            Reply reply = receive(s);
            assertEquals(7, reply.xid());
            assertEquals(GARBAGE_ARGS, reply.acceptStat());
        }
    }

    @Test
    void aFileHandleOf200BytesIsGarbage() throws IOException {
        ByteArrayOutputStream args = new ByteArrayOutputStream();
        args.writeBytes(words(200));
        args.writeBytes(new byte[200]);
        args.writeBytes(words(0, 0, 4096));
        try (Socket s = connect()) {
            send(s, call(8, Nfs3.PROGRAM, Nfs3.PROC_READ, args.toByteArray()));
            Reply reply = receive(s);
            assertEquals(GARBAGE_ARGS, reply.acceptStat());
        }
    }

    @Test
    void aWriteAboveWtmaxIsInvalid() throws IOException {
        int count = WTMAX + 4096;
        ByteArrayOutputStream args = new ByteArrayOutputStream();
        args.writeBytes(fh(fileHandle));
        args.writeBytes(words(0, 0, count, Nfs3.FILE_SYNC, count));
        args.writeBytes(new byte[count]);
        try (Socket s = connect()) {
            send(s, call(9, Nfs3.PROGRAM, Nfs3.PROC_WRITE, args.toByteArray()));
            Reply reply = receive(s);
            assertEquals(0, reply.acceptStat());
            assertEquals(NfsStatus.NFS3ERR_INVAL.code(), reply.body().getInt());
        }
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("data.bin")), "file untouched");
    }

    @Test
    void aWriteAnnouncing2GiBWithoutTheBytesIsGarbage() throws IOException {
        ByteArrayOutputStream args = new ByteArrayOutputStream();
        args.writeBytes(fh(fileHandle));
        args.writeBytes(words(0, 0, 0x7fffffff, Nfs3.UNSTABLE, 0x7fffffff));
        args.writeBytes(new byte[64]);
        try (Socket s = connect()) {
            send(s, call(10, Nfs3.PROGRAM, Nfs3.PROC_WRITE, args.toByteArray()));
            assertEquals(GARBAGE_ARGS, receive(s).acceptStat());
        }
    }

    @Test
    void aTruncatedCallHeaderGetsNoReplyAndDoesNotHurt() throws IOException {
        try (Socket s = connect()) {
            // a complete record that ends inside the call header
            send(s, record(words(11, 0, 2)));
            // then a good call on the same connection, which may or may not still be open
            send(s, call(12, Nfs3.PROGRAM, Nfs3.PROC_NULL, new byte[0]));
            try {
                Reply reply = receive(s);
                assertEquals(12, reply.xid());
                assertEquals(0, reply.acceptStat());
            } catch (EOFException | SocketException closed) {
                // closing the connection is an acceptable answer too
            }
        }
    }

    @Test
    void aRecordCutOffByTheClientIsDropped() throws IOException {
        try (Socket s = connect()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(0x80000000 | 1000);
            out.write(new byte[100]);
            out.flush();
        }
    }

    @Test
    void anOversizedRecordClosesTheConnection() throws IOException {
        try (Socket s = connect()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(0xffffffff);
            out.write(new byte[4096]);
            out.flush();
            assertClosed(s);
        }
    }

    @Test
    void aRecordOfManySmallFragmentsClosesTheConnection() throws IOException {
        try (Socket s = connect()) {
            try {
                send(s, new byte[4 * 5000]);
            } catch (SocketException closedWhileSending) {
                return;
            }
            assertClosed(s);
        }
    }

    @Test
    void fragmentsAddingUpPastTheLimitCloseTheConnection() throws IOException {
        try (Socket s = connect()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] chunk = new byte[32 * 1024];
            try {
                for (int i = 0; i < 64; i++) {
                    out.writeInt(chunk.length);
                    out.write(chunk);
                }
                out.flush();
            } catch (SocketException closedWhileSending) {
                return;
            }
            assertClosed(s);
        }
    }

    @Test
    void randomGarbageNeitherCrashesNorWedgesTheServer() throws IOException {
        Random random = new Random(99);
        for (int round = 0; round < 20; round++) {
            byte[] junk = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(junk);
            try (Socket s = connect()) {
                s.getOutputStream().write(junk);
                s.getOutputStream().flush();
            } catch (SocketException closedByServer) {
                // the server may hang up mid-way
            }
        }
        // and garbage inside well-framed calls to every procedure
        for (int proc = 0; proc < 23; proc++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            try (Socket s = connect()) {
                send(s, call(100 + proc, Nfs3.PROGRAM, proc, junk));
                try {
                    receive(s);
                } catch (EOFException | SocketException closed) {
                    // acceptable
                }
            }
        }
    }

    @Test
    void credentialsAnnouncingHugeLengthsCloseTheConnection() throws IOException {
        byte[][] bombs = {
            // AUTH_SYS whose machine name claims 2 GiB
            words(1, 24, 0, 0x7ffffff0, 0, 0, 0),
            // AUTH_SYS with 2^31-1 gids
            words(1, 20, 0, 0, 0, 0, 0x7fffffff),
            // an opaque_auth body far beyond RFC 5531's 400 bytes
            words(1, 100_000),
            // a flavor this server does not offer, announcing a body far beyond 400 bytes
            words(6, 100_000),
        };
        for (byte[] credential : bombs) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(words(21, 0, 2, Nfs3.PROGRAM, 3, Nfs3.PROC_NULL));
            body.writeBytes(credential);
            body.writeBytes(words(0, 0));
            try (Socket s = connect()) {
                send(s, record(body.toByteArray()));
                assertClosed(s);
            }
        }
    }

    @Test
    void aReplySentToTheServerClosesTheConnection() throws IOException {
        try (Socket s = connect()) {
            send(s, record(words(22, 1, 0, 0, 0x7ffffff0)));
            assertClosed(s);
        }
    }

    /**
     * RFC 5531's answers to calls that are well formed but cannot be served, each on the same
     * connection, which then still serves a good call.
     */
    @Test
    void wellFormedCallsThatCannotBeServedGetRfc5531AnswersAndKeepTheConnection() throws IOException {
        try (Socket s = connect()) {
            ByteArrayOutputStream gss = new ByteArrayOutputStream();
            gss.writeBytes(words(31, 0, 2, Nfs3.PROGRAM, 3, Nfs3.PROC_NULL));
            gss.writeBytes(words(6, 8, 0, 0));       // RPCSEC_GSS, which this server does not offer
            gss.writeBytes(words(0, 0));
            send(s, record(gss.toByteArray()));
            assertArrayEquals(new int[] {31, 1, 1, 1, 1}, receiveWords(s), "MSG_DENIED / AUTH_ERROR / AUTH_BADCRED");

            send(s, record(words(32, 0, 3, Nfs3.PROGRAM, 3, Nfs3.PROC_NULL, 0, 0, 0, 0)));
            assertArrayEquals(new int[] {32, 1, 1, 0, 2, 2}, receiveWords(s), "MSG_DENIED / RPC_MISMATCH 2..2");

            send(s, record(words(33, 0, 2, Nfs3.PROGRAM, 4, Nfs3.PROC_NULL, 0, 0, 0, 0)));
            assertArrayEquals(new int[] {33, 1, 0, 0, 0, 2, 3, 3}, receiveWords(s), "PROG_MISMATCH 3..3");

            send(s, call(34, Nfs3.PROGRAM, Nfs3.PROC_NULL, new byte[0]));
            Reply ok = receive(s);
            assertEquals(34, ok.xid());
            assertEquals(0, ok.acceptStat(), "the same connection still serves: SUCCESS");
        }
    }

    @Test
    void anUnknownProgramIsUnavailable() throws IOException {
        try (Socket s = connect()) {
            send(s, call(13, 100099, 0, new byte[0]));
            assertEquals(PROG_UNAVAIL, receive(s).acceptStat());
        }
    }

    private Socket connect() throws IOException {
        return Wire.connect(server);
    }
}
