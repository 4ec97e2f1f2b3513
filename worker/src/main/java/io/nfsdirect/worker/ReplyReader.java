package io.nfsdirect.worker;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.nfs3.Read3Res;
import org.dcache.oncrpc4j.rpc.RpcReply;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming side of one connection: one thread reads reply records (RFC 5531 record marking)
 * off the socket with blocking reads and hands each to the call waiting for its XID.
 *
 * <p>A READ reply into a destination takes the short way: the first {@link #HEAD} bytes of the
 * record (the RPC reply header and READ3resok up to the payload's length word) are read and
 * decoded, the length is checked against the call, the destination and the record, and then the
 * payload is read from the socket straight into the destination. So a byte read costs the
 * kernel's copy and nothing more in Java: no receive buffer to merge, grow or copy out of. Every
 * other record is read whole into an array of its exact size and decoded as oncrpc4j XDR.
 *
 * <p>Bounds: the announced size of every record, markers included, is added up fragment by
 * fragment and checked against {@code maxRecordSize} before a byte of its body is read; a record
 * past it drops the connection with EPROTO. A record nobody waits for is skipped, not kept.
 *
 * <p>Ownership: a call is claimed from the connection's table before its destination is
 * touched, so a timeout or close can no longer fail it while the payload streams in; a failure
 * mid-payload then fails that call here. Whatever ends the loop, the connection is aborted,
 * which fails every call still pending on it.
 */
final class ReplyReader {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyReader.class);

    /**
     * Bytes of a large record read before its payload. A READ reply's header is 100–130 bytes
     * with AUTH_NONE or AUTH_SYS verifiers; 1 KiB leaves room for a 400-byte verifier.
     */
    static final int HEAD = 1024;
    private static final int LAST_FRAGMENT = 0x80000000;
    private static final int SIZE_MASK = 0x7fffffff;
    private static final int MSG_REPLY = 1;

    private final RpcEngine engine;
    private final RpcConnection connection;
    private final SocketChannel channel;
    private final long maxRecordSize;
    private final ByteBuffer marker = ByteBuffer.allocate(Integer.BYTES);
    private final byte[] head = new byte[HEAD];
    private final ByteBuffer scratch = ByteBuffer.allocate(8192);
    /** A call claimed from the table and not yet finished; only this thread touches it. */
    private PendingCall<?> inHand;

    ReplyReader(RpcEngine engine, RpcConnection connection, SocketChannel channel, long maxRecordSize) {
        this.engine = engine;
        this.connection = connection;
        this.channel = channel;
        this.maxRecordSize = maxRecordSize;
    }

    /** The reader thread's loop: until the socket closes, either side. */
    void run() {
        try {
            while (true) {
                readRecord();
            }
        } catch (RecordTooLargeException e) {
            connection.abort(Errno.EPROTO, "malformed reply: RPC record of " + e.size
                    + " bytes exceeds the client limit of " + maxRecordSize
                    + " bytes (maxRecordSize); connection dropped");
        } catch (EOFException e) {
            connection.abort(Errno.ECONNRESET, "connection closed by the server with the call in flight");
        } catch (IOException | RuntimeException e) {
            // A local close (abort) lands here too; its own reason has been set already.
            connection.abort(Errno.ECONNRESET, "connection closed with the call in flight");
        } finally {
            // Even an Error must not leave a call waiting: the one in hand and every other one fail.
            PendingCall<?> call = inHand;
            if (call != null) {
                // This thread has stopped writing into its destination: it may be sent again.
                inHand = null;
                engine.connectionLost(call, NfsException.errno(Errno.ECONNRESET, call.describe()
                        + ": connection closed with the call in flight"));
            }
            connection.abort(Errno.ECONNRESET, "connection closed with the call in flight");
        }
    }

    private void readRecord() throws IOException {
        int fragment = readMarker();
        long recordSize = checkSize(0, fragment);
        int length = fragment & SIZE_MASK;
        if ((fragment & LAST_FRAGMENT) != 0 && length > HEAD) {
            readLarge(length);
            return;
        }
        // Small or fragmented: assemble the whole record, one fragment at a time, each announced
        // size checked before its body is read.
        byte[] record = new byte[length];
        readFully(ByteBuffer.wrap(record));
        while ((fragment & LAST_FRAGMENT) == 0) {
            fragment = readMarker();
            recordSize = checkSize(recordSize, fragment);
            length = fragment & SIZE_MASK;
            int at = record.length;
            record = java.util.Arrays.copyOf(record, at + length);
            readFully(ByteBuffer.wrap(record, at, length));
        }
        dispatch(record);
    }

    /** A single-fragment record of more than {@link #HEAD} bytes. */
    private void readLarge(int length) throws IOException {
        readFully(ByteBuffer.wrap(head));
        int xid = ByteBuffer.wrap(head).getInt(0);
        int type = ByteBuffer.wrap(head).getInt(Integer.BYTES);
        PendingCall<?> call = type == MSG_REPLY ? connection.pending().claim(xid) : null;
        if (call == null) {
            LOG.debug("{}: skipped a record of {} bytes nobody waits for (xid {}, type {})",
                    connection.server(), length, xid, type);
            skip(length - HEAD);
            return;
        }
        inHand = call;
        if (call.result instanceof Read3Res read && read.destination() != null) {
            readInto(call, read, length);
        } else {
            byte[] record = java.util.Arrays.copyOf(head, length);
            readFully(ByteBuffer.wrap(record, HEAD, length - HEAD));
            engine.onReply(connection, call, decoder(record));
        }
        inHand = null;
    }

    /** The short way for a READ: header from {@link #head}, payload from the socket into the destination. */
    private void readInto(PendingCall<?> call, Read3Res res, int length) throws IOException {
        call.cancelTimer();
        Xdr xdr = decoder(head);
        int payload;
        NfsException failure;
        try {
            failure = RpcFailures.checkReply(call, new RpcReply(call.xid(), xdr, null));
            payload = failure == null ? res.decodeHead(xdr, length - HEAD) : -1;
        } catch (IOException | RuntimeException e) {
            failure = RpcFailures.malformed(call, e);
            payload = -1;
        }
        int used = xdr.asBuffer().position();
        long read = HEAD;
        if (payload >= 0) {
            ByteBuffer into = res.destination().slice(res.destination().position(), payload);
            int fromHead = Math.min(payload, HEAD - used);
            into.put(head, used, fromHead);
            readFully(into);
            read += payload - fromHead;
            res.payloadReceived(payload);
        }
        // Padding, and anything a server appends after the result, stays out of the next record.
        skip(length - read);
        engine.finish(call, failure);
    }

    private void dispatch(byte[] record) {
        if (record.length < 2 * Integer.BYTES) {
            // Without an XID the record belongs to nobody; the waiting call will time out.
            LOG.warn("{}: dropped an RPC record too short for an XID ({} bytes)", connection.server(), record.length);
            return;
        }
        ByteBuffer header = ByteBuffer.wrap(record);
        int xid = header.getInt(0);
        int type = header.getInt(Integer.BYTES);
        if (type != MSG_REPLY) {
            LOG.debug("{}: ignored an RPC message of type {} (xid {})", connection.server(), type, xid);
            return;
        }
        PendingCall<?> call = connection.pending().claim(xid);
        if (call == null) {
            // A reply to a call that already timed out, was answered (retransmission), or failed.
            LOG.debug("{}: dropped a reply nobody waits for (xid {})", connection.server(), xid);
            return;
        }
        engine.onReply(connection, call, decoder(record));
    }

    /** An XDR decoder over the record, positioned after the XID and the message type. */
    private static Xdr decoder(byte[] record) {
        Xdr xdr = new Xdr(record);
        xdr.beginDecoding();
        xdr.asBuffer().position(2 * Integer.BYTES);
        return xdr;
    }

    private int readMarker() throws IOException {
        marker.clear();
        readFully(marker);
        return marker.getInt(0);
    }

    private long checkSize(long recordSize, int fragment) throws RecordTooLargeException {
        // Markers count too, so endless empty fragments are bounded as well.
        long size = recordSize + Integer.BYTES + (fragment & SIZE_MASK);
        if (size > maxRecordSize) {
            throw new RecordTooLargeException(size);
        }
        return size;
    }

    private void readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new EOFException("connection closed by the server");
            }
        }
    }

    private void skip(long bytes) throws IOException {
        while (bytes > 0) {
            scratch.clear().limit((int) Math.min(scratch.capacity(), bytes));
            readFully(scratch);
            bytes -= scratch.limit();
        }
    }

    /** A record announced larger than the client accepts. */
    private static final class RecordTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        final long size;

        RecordTooLargeException(long size) {
            super("RPC record of " + size + " bytes");
            this.size = size;
        }
    }
}
