package io.nfsdirect.worker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny ONC RPC server on a plain ServerSocket with record marking, for the failures a real NFS
 * server will not produce on demand: silence, garbage, oversized records, sudden disconnects.
 * Every connection gets its own thread; the handler decides per call what goes back.
 */
final class FakeRpcServer implements AutoCloseable {

    /** One call as received. */
    record Call(int connection, int xid, int program, int version, int procedure, byte[] args) {
    }

    /** What to do with a call: reply with a record body, stay silent, or drop the connection. */
    sealed interface Action permits Reply, Silence, Disconnect, RawRecord, ReplyThenDisconnect {
    }

    /** Sends {@code body} (everything after the XID) as one record. */
    record Reply(byte[] body) implements Action {
    }

    record Silence() implements Action {
    }

    record Disconnect() implements Action {
    }

    /** Sends {@code body} as one record, then closes the connection, as a server restarting would. */
    record ReplyThenDisconnect(byte[] body) implements Action {
    }

    /** Sends these bytes as they are, record marker included. */
    record RawRecord(byte[] bytes) implements Action {
    }

    @FunctionalInterface
    interface Handler {
        Action handle(Call call) throws IOException;
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final java.util.Map<Integer, OutputStream> outputs = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Thread acceptor;

    FakeRpcServer(Handler handler) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-rpc-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Call> calls() {
        return calls;
    }

    int connectionsAccepted() {
        return connectionCount.get();
    }

    /** Closes every accepted connection, as a server crash would. */
    void dropConnections() {
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** Answers a call the handler left silent, e.g. to reply out of order. */
    void reply(Call call, byte[] body) throws IOException {
        OutputStream out = outputs.get(call.connection());
        synchronized (out) {
            writeRecord(out, call.xid(), body);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                int index = connectionCount.incrementAndGet();
                connections.add(s);
                Thread t = new Thread(() -> serve(s, index), "fake-rpc-conn-" + index);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int index) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream());
             OutputStream out = s.getOutputStream()) {
            outputs.put(index, out);
            while (true) {
                byte[] record = readRecord(in);
                DataInputStream body = new DataInputStream(new java.io.ByteArrayInputStream(record));
                int xid = body.readInt();
                body.readInt();                 // CALL
                body.readInt();                 // rpcvers
                int program = body.readInt();
                int version = body.readInt();
                int procedure = body.readInt();
                skipAuth(body);                 // credential
                skipAuth(body);                 // verifier
                Call call = new Call(index, xid, program, version, procedure, body.readAllBytes());
                calls.add(call);
                Action action = handler.handle(call);
                if (action instanceof Disconnect) {
                    return;
                }
                synchronized (out) {
                    if (action instanceof Reply reply) {
                        writeRecord(out, xid, reply.body());
                    } else if (action instanceof RawRecord raw) {
                        out.write(raw.bytes());
                        out.flush();
                    } else if (action instanceof ReplyThenDisconnect last) {
                        writeRecord(out, xid, last.body());
                        return;
                    }
                }
            }
        } catch (EOFException | SocketException e) {
            // client or test closed the connection
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readRecord(DataInputStream in) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        boolean last;
        do {
            int marker = in.readInt();
            last = (marker & 0x80000000) != 0;
            byte[] fragment = new byte[marker & 0x7fffffff];
            in.readFully(fragment);
            record.write(fragment);
        } while (!last);
        return record.toByteArray();
    }

    private static void skipAuth(DataInputStream in) throws IOException {
        in.readInt();
        int length = in.readInt();
        in.skipNBytes((length + 3) & ~3);
    }

    private static void writeRecord(OutputStream out, int xid, byte[] body) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(0x80000000 | (4 + body.length));
        data.writeInt(xid);
        data.write(body);
        data.flush();
    }

    // ---- reply bodies (everything after the XID) ----------------------------------------------

    /** MSG_ACCEPTED, AUTH_NONE verifier, the given accept_stat, then {@code result}. */
    static byte[] accepted(int acceptStat, byte[] result) {
        return xdr(1, 0, 0, 0, acceptStat).append(result).bytes();
    }

    static byte[] success(byte[] result) {
        return accepted(0, result);
    }

    /** MSG_DENIED AUTH_ERROR with the given auth_stat. */
    static byte[] authError(int authStat) {
        return xdr(1, 1, 1, authStat).bytes();
    }

    static Xdr xdr(int... words) {
        Xdr x = new Xdr();
        for (int w : words) {
            x.i(w);
        }
        return x;
    }

    /** A minimal XDR writer for building replies by hand. */
    static final class Xdr {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Xdr i(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Xdr l(long v) {
            return i((int) (v >>> 32)).i((int) v);
        }

        Xdr opaque(byte[] data) {
            i(data.length);
            return append(data).append(new byte[(4 - data.length % 4) % 4]);
        }

        Xdr append(byte[] data) {
            bytes.writeBytes(data);
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    static long readLong(byte[] args, int offset) {
        return ((long) readInt(args, offset) << 32) | (readInt(args, offset + 4) & 0xffffffffL);
    }

    static int readInt(byte[] args, int offset) {
        return ((args[offset] & 0xff) << 24) | ((args[offset + 1] & 0xff) << 16)
                | ((args[offset + 2] & 0xff) << 8) | (args[offset + 3] & 0xff);
    }
}
