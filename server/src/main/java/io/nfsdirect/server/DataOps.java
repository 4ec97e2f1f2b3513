package io.nfsdirect.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Commit3Args;
import io.nfsdirect.protocol.nfs3.Commit3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.nfs3.Write3Args;
import io.nfsdirect.protocol.nfs3.Write3Res;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * READ, WRITE and COMMIT: positional I/O on cached FileChannels.
 *
 * <p>Stability is honest: a FILE_SYNC or DATA_SYNC write is forced to disk (data and metadata,
 * since a grown file's new size is metadata too) before the reply says FILE_SYNC; an UNSTABLE
 * write is left in the page cache and answered UNSTABLE, and COMMIT forces it. The verifier in
 * every WRITE and COMMIT reply is this server start's, so a client that sees it change knows
 * its uncommitted writes may be gone and sends them again.
 *
 * <p>Access follows knfsd: mode bits as the caller, except that a file's owner may always read
 * and write it, so that a client can fill a file it just created read-only (cp -p, tar).
 */
final class DataOps {

    private final ServerState state;

    DataOps(ServerState state) {
        this.state = state;
    }

    XdrAble read(Read3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node node = state.node(args.file);
        FileAttrs attrs = requireRegular(node);
        Caller caller = request.caller();
        if (!caller.may(attrs, Caller.READ) && !caller.owns(attrs)) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "no read permission");
        }
        long offset = args.offset;
        long size = attrs.size();
        // count and offset are unsigned on the wire; anything past 2^63 is past every file
        long wanted = Math.min(Integer.toUnsignedLong(args.count), state.rtmax);
        if (offset < 0 || offset >= size || wanted == 0) {
            boolean eof = offset < 0 || offset >= size;
            return new Read3Res(Nfs3.NFS3_OK, state.attrs.postOp(attrs), 0, eof, ByteBuffer.allocate(0));
        }
        int length = (int) Math.min(wanted, size - offset);
        SocketAddress peer = request.call().getTransport().getRemoteSocketAddress();
        if (!state.budget.reserve(peer, length)) {
            throw new NfsFault(NfsStatus.NFS3ERR_JUKEBOX, "too many unsent reply bytes, for " + peer + " or in all");
        }
        ByteBuffer buffer = state.buffers.acquire(length);
        Runnable done = () -> {
            state.buffers.release(buffer);
            state.budget.release(peer, length);
        };
        boolean handedOver = false;
        try {
            int got = state.channels.withChannel(node.id(), node.path(),
                    channel -> fill(channel, buffer, offset, length));
            buffer.flip();
            // the file may have shrunk or grown since the stat: a short read means end of file
            boolean eof = got < length || offset + got >= size;
            Read3Res res = new Read3Res(Nfs3.NFS3_OK, state.attrs.postOp(attrs), got, eof, buffer);
            whenSent(request, done);
            handedOver = true;
            return res;
        } finally {
            if (!handedOver) {
                done.run();
            }
        }
    }

    /** Reads {@code length} bytes or up to the end of the file; returns the bytes read. */
    private static int fill(FileChannel channel, ByteBuffer buffer, long offset, int length) throws IOException {
        buffer.clear().limit(length);
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /**
     * The reply's data goes to the socket straight from the read buffer (a shallow encode), so
     * the buffer and the connection's reply budget are given back only once oncrpc4j reports
     * the reply sent or failed.
     */
    private static void whenSent(NfsProgram.Request request, Runnable done) {
        request.call().registerSendOnceListener(new CompletionHandler<Integer, InetSocketAddress>() {
            @Override
            public void completed(Integer result, InetSocketAddress attachment) {
                done.run();
            }

            @Override
            public void failed(Throwable exc, InetSocketAddress attachment) {
                done.run();
            }
        });
    }

    XdrAble write(Write3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        // checked before anything else, so an oversized request costs no file access
        long count = Integer.toUnsignedLong(args.count);
        if (count > state.wtmax) {
            throw new NfsFault(NfsStatus.NFS3ERR_INVAL, "WRITE of " + count + " bytes exceeds wtmax " + state.wtmax);
        }
        Export.Node node = state.node(args.file);
        FileAttrs before = requireRegular(node);
        Caller caller = request.caller();
        if (!caller.may(before, Caller.WRITE) && !caller.owns(before)) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "no write permission");
        }
        long offset = args.offset;
        if (offset < 0 || offset + count < 0) {
            throw new NfsFault(NfsStatus.NFS3ERR_FBIG, "write beyond 2^63 bytes");
        }
        boolean sync = args.stable != Nfs3.UNSTABLE;
        ByteBuffer data = args.data.duplicate();
        try {
            state.channels.withChannel(node.id(), node.path(), channel -> {
                ByteBuffer view = data.duplicate();
                long position = offset;
                while (view.hasRemaining()) {
                    position += channel.write(view, position);
                }
                if (sync) {
                    channel.force(true);
                }
                return null;
            });
        } catch (NonWritableChannelException e) {
            throw new NfsFault(NfsStatus.NFS3ERR_ACCES, "file is not writable by the server");
        }
        return new Write3Res(Nfs3.NFS3_OK, state.attrs.wcc(before, node.path()), (int) count,
                sync ? Nfs3.FILE_SYNC : Nfs3.UNSTABLE, state.verifier());
    }

    XdrAble commit(Commit3Args args, NfsProgram.Request request) throws NfsFault, IOException {
        Export.Node node = state.node(args.file);
        FileAttrs before = requireRegular(node);
        // fsync flushes the whole file: a range commit could not be cheaper on a local filesystem
        state.channels.withChannel(node.id(), node.path(), channel -> {
            channel.force(true);
            return null;
        });
        return new Commit3Res(Nfs3.NFS3_OK, state.attrs.wcc(before, node.path()), state.verifier());
    }

    private FileAttrs requireRegular(Export.Node node) throws NfsFault {
        FileAttrs attrs = node.attrs();
        if (attrs.isDirectory()) {
            throw new NfsFault(NfsStatus.NFS3ERR_ISDIR, "is a directory");
        }
        if (!attrs.isRegular()) {
            throw new NfsFault(NfsStatus.NFS3ERR_INVAL, "not a regular file");
        }
        return attrs;
    }
}
