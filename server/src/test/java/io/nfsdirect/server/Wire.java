package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

import io.nfsdirect.protocol.nfs3.NfsFh3;

/** RPC records built and read by hand over a plain socket, for tests that misbehave on the wire. */
final class Wire {

    private Wire() {
    }


    record Reply(int xid, int acceptStat, ByteBuffer body) {
    }

    /** A connection whose kernel receive buffer is as small as allowed: replies pile up at the server. */
    static Socket connectTight(NfsServer server) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        s.setSoTimeout(10_000);
        return s;
    }

    static Socket connect(NfsServer server) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** An RPC call with AUTH_UNIX uid 0 and a null verifier, record-marked. */
    static byte[] call(int xid, int program, int procedure, byte[] args) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(words(xid, 0, 2, program, 3, procedure));
        byte[] machine = "evil".getBytes();
        body.writeBytes(words(1, 4 + 4 + machine.length + 4 + 4 + 4, 0, machine.length));
        body.writeBytes(machine);
        body.writeBytes(words(0, 0, 0));   // uid, gid, no gids
        body.writeBytes(words(0, 0));      // AUTH_NONE verifier
        body.writeBytes(args);
        return record(body.toByteArray());
    }

    static byte[] record(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + body.length);
        b.putInt(0x80000000 | body.length).put(body);
        return b.array();
    }

    static byte[] words(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] fh(NfsFh3 fh) {
        ByteBuffer b = ByteBuffer.allocate(4 + fh.data.length);
        b.putInt(fh.data.length).put(fh.data);
        return b.array();
    }

    static void send(Socket s, byte[] bytes) throws IOException {
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
    }

    static Reply receive(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int marker = in.readInt();
        byte[] body = new byte[marker & 0x7fffffff];
        in.readFully(body);
        ByteBuffer b = ByteBuffer.wrap(body);
        int xid = b.getInt();
        assertEquals(1, b.getInt(), "REPLY");
        assertEquals(0, b.getInt(), "MSG_ACCEPTED");
        b.getInt();                              // verifier flavor
        int verifierLength = b.getInt();
        b.position(b.position() + ((verifierLength + 3) & ~3));
        return new Reply(xid, b.getInt(), b.slice());
    }

    /** One reply record, as XDR words. */
    static int[] receiveWords(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int marker = in.readInt();
        int[] words = new int[(marker & 0x7fffffff) / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = in.readInt();
        }
        return words;
    }

    static void assertClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            assertEquals(-1, in.read(), "the server should close the connection");
        } catch (SocketException reset) {
            assertTrue(reset.getMessage() != null, "closed by reset");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        }
    }
}
