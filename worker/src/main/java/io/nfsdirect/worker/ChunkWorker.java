package io.nfsdirect.worker;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.ChunkDigest;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.chunk.ChunkReport;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.FileRef;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.nfs3.Write3Res;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One attempt at one chunk: the seed's {@code nfs_read_data}/{@code nfs_write_data} with its
 * RPC task. It reads or writes its range, resending the remainder after a short read or write
 * that is not EOF, delivers read data to the sink its task names, reports exactly once to the
 * request and stops.
 *
 * <p>The chunk's buffer: data that leaves the worker (a Reply or Stream chunk) is read into an
 * array taken from {@link ChunkBuffers} and handed on inside the report or the {@link ChunkData},
 * after which this actor no longer touches it (a consumer in this JVM may give it back). Data
 * that stays (a Digest chunk is hashed here, a Copy chunk written on from the same bytes, a local
 * file's chunk written into it or read from it, see {@link LocalChannels}) is held in a direct
 * buffer taken from {@link ChunkBuffers} and given back just before the one report, once no RPC
 * can still be filling or sending it. Between RPCs the actor holds only its
 * position, so a chunk costs one buffer and no thread while its RPC is on the wire.
 */
public final class ChunkWorker extends AbstractBehavior<ChunkWorker.Command> {

    /** All of a chunk worker's messages are its own RPC results; nobody else talks to it. */
    public sealed interface Command permits ClientReady, ReadDone, WriteDone {
    }

    private record ClientReady(Nfs3Client client, Throwable failure, boolean forTarget) implements Command {
    }

    private record ReadDone(Read3Res res, Throwable failure) implements Command {
    }

    private record WriteDone(Write3Res res, Throwable failure) implements Command {
    }

    public static Behavior<Command> create(ChunkTask task, ActorRef<ChunkReport> replyTo, ClientPool clients,
                                           NodeCounters counters, String node) {
        return Behaviors.setup(ctx -> new ChunkWorker(ctx, task, replyTo, clients, counters, node).start());
    }

    /** Replies that say EOF short of their own file size tolerated per chunk before EIO. */
    static final int MAX_EOF_BEFORE_SIZE = 3;

    private final ChunkTask task;
    private final ActorRef<ChunkReport> replyTo;
    private final ClientPool clients;
    private final NodeCounters counters;
    private final String node;

    private final ChunkBuffers pool = ChunkBuffers.shared();
    private final LocalChannels localFiles;
    /** The chunk's bytes, read into or written from by absolute index; may be larger than the chunk. */
    private ByteBuffer buffer;
    /** True if {@link #buffer} came from the pool and must go back to it. */
    private boolean pooled;
    /** Bytes read so far, or bytes written so far in the write phase. */
    private int position;
    /** Bytes the write phase must write: the chunk for a write, what was read for a copy. */
    private int toWrite;
    private boolean eof;
    private int stable;
    private int committed = Nfs3.FILE_SYNC;
    private byte[] verifier;
    private Nfs3Client readClient;
    private Nfs3Client writeClient;
    private int rpcs;
    private int shortIo;
    /** READ replies that said EOF before the file size they carried. */
    private int lyingEofs;
    /** Filled on the client's callback thread, read here after the RPC's result arrives. */
    private final java.util.concurrent.atomic.AtomicInteger retransmits = new java.util.concurrent.atomic.AtomicInteger();
    private final Nfs3CallListener observer = (procedure, latencyNanos, transmissions, failure) ->
            retransmits.addAndGet(Math.max(0, transmissions - 1));
    private boolean writing;

    private ChunkWorker(ActorContext<Command> ctx, ChunkTask task, ActorRef<ChunkReport> replyTo, ClientPool clients,
                        NodeCounters counters, String node) {
        super(ctx);
        this.task = task;
        this.replyTo = replyTo;
        this.clients = clients;
        this.counters = counters;
        this.node = node;
        counters.chunkStarted();
        this.localFiles = LocalChannels.get(ctx.getSystem());
    }

    /** The chunk's first step; it may end the chunk at once (a local source that cannot be read). */
    private Behavior<Command> start() {
        if (task.op() instanceof ChunkTask.WriteBytes w) {
            buffer = ByteBuffer.wrap(w.bytes());
            toWrite = buffer.capacity();
            stable = w.stable();
            writing = true;
            return connect(w.file(), true);
        }
        if (task.op() instanceof ChunkTask.WriteFromLocal w) {
            pooled = true;
            buffer = pool.take(task.length());
            toWrite = task.length();
            stable = w.stable();
            writing = true;
            Behavior<Command> failed = readLocal(w);
            return failed != null ? failed : connect(w.file(), true);
        }
        pooled = task.op() instanceof ChunkTask.ReadDigest || task.op() instanceof ChunkTask.CopyTo
                || task.op() instanceof ChunkTask.ReadToLocal;
        buffer = pooled ? pool.take(task.length()) : ByteBuffer.wrap(pool.takeArray(task.length()));
        return connect(task.op().file(), false);
    }

    /**
     * Fills the buffer from the write's local source; the chunk's end if that failed, else null. A
     * blocking read on the actor's thread, as the positional sinks write: one chunk of a local file.
     */
    private Behavior<Command> readLocal(ChunkTask.WriteFromLocal w) {
        LocalChannels.Entry source = localFiles.lookup(w.localFile());
        long at = w.position() + task.offset() - w.requestOffset();
        if (source == null) {
            return failLocal("reading the write source", at, Errno.EBADF, "no longer open on this node");
        }
        try {
            LocalChannels.readFully(source.channel(), buffer.slice(0, toWrite), at, source.displayName());
            return null;
        } catch (IOException e) {
            return failLocal("reading " + source.displayName(), at, e);
        }
    }

    /** Writes what was read into the read's local file, then reports. */
    private Behavior<Command> writeLocal(ChunkTask.ReadToLocal r) {
        LocalChannels.Entry target = localFiles.lookup(r.localFile());
        long at = r.position() + task.offset() - r.requestOffset();
        if (target == null) {
            return failLocal("writing the output file", at, Errno.EBADF, "no longer open on this node");
        }
        try {
            LocalChannels.writeFully(target.channel(), buffer.slice(0, position), at);
        } catch (IOException e) {
            return failLocal("writing " + target.displayName(), at, e);
        }
        return report(null, null);
    }

    /**
     * A local file failed this chunk. The error gives the chunk's offset in the NFS file, which is
     * where the request's count ends, then the local file, its offset and the cause.
     */
    private Behavior<Command> failLocal(String doing, long at, Errno errno, String detail) {
        String op = writing ? "write" : "read";
        return fail(IoError.at(errno, op + " " + task.op().file().url(), task.offset(),
                IoError.line(doing, at, (detail == null ? errno.message() : detail) + " (" + errno.name() + ")")));
    }

    private Behavior<Command> failLocal(String doing, long at, IOException e) {
        Errno errno = LocalChannels.errnoOf(e);
        // the JDK's message is the strerror text when the errno was recognized from it
        return failLocal(doing, at, errno, errno == Errno.EIO ? e.getMessage() : null);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(ClientReady.class, this::onClient)
                .onMessage(ReadDone.class, this::onRead)
                .onMessage(WriteDone.class, this::onWrite)
                .build();
    }

    private Behavior<Command> connect(FileRef file, boolean forTarget) {
        java.util.concurrent.CompletableFuture<Nfs3Client> client = clients.get(file).toCompletableFuture();
        if (client.isDone() && !client.isCompletedExceptionally()) {
            // The node's client for this server is open already (every chunk but the first):
            // send at once instead of a message to ourselves first.
            return onClient(new ClientReady(client.join(), null, forTarget));
        }
        getContext().pipeToSelf(client, (c, e) -> new ClientReady(c, e, forTarget));
        return this;
    }

    private Behavior<Command> onClient(ClientReady ready) {
        if (ready.failure() != null) {
            FileRef file = ready.forTarget() ? writeTarget() : task.op().file();
            return fail(ready.forTarget() ? "write" : "read", file, task.offset(), ready.failure());
        }
        if (ready.forTarget()) {
            writeClient = ready.client();
            return sendWrite();
        }
        readClient = ready.client();
        return sendRead();
    }

    // ---- read phase -----------------------------------------------------------------------

    private Behavior<Command> sendRead() {
        FileRef file = task.op().file();
        int length = task.length() - position;
        ByteBuffer dest = buffer.slice(position, length);
        rpcs++;
        getContext().pipeToSelf(readClient.read(new NfsFh3(file.handle()), task.offset() + position,
                length, dest, observer), ReadDone::new);
        return this;
    }

    private Behavior<Command> onRead(ReadDone done) {
        FileRef file = task.op().file();
        long at = task.offset() + position;
        if (done.failure() != null) {
            return fail("read", file, at, done.failure());
        }
        Read3Res res = done.res();
        if (res.status != Nfs3.NFS3_OK) {
            return fail(IoError.status(NfsStatus.of(res.status), "read " + file.url(), at));
        }
        position += res.count;
        eof = res.eof;
        counters.bytesRead(res.count);
        long sizeSaid = sizeIn(res);
        boolean eofBeforeSize = eof && position < task.length() && sizeSaid > task.offset() + position;
        if (eofBeforeSize) {
            // EOF short of the size the same reply gives: a server that lost track of the file's
            // end, or a file that grew as it was read. Either way the bytes are there to be read,
            // so this is a short read, not the end; a server that keeps saying so is broken.
            if (++lyingEofs > MAX_EOF_BEFORE_SIZE) {
                long end = task.offset() + position;
                return fail(IoError.at(Errno.EIO, "read " + file.url(), end, "the server said EOF " + lyingEofs
                        + " times where its attributes say the file is " + sizeSaid + " bytes"));
            }
            eof = false;
        }
        if (position < task.length() && !eof) {
            if (res.count == 0 && !eofBeforeSize) {
                return fail(IoError.at(Errno.EIO, "read " + file.url(), at, "the server returned 0 bytes without EOF"));
            }
            shortIo++;
            counters.shortRead();
            return sendRead();
        }
        return deliver();
    }

    /** The file size in a READ reply's post-op attributes, or -1 when it has none. */
    private static long sizeIn(Read3Res res) {
        return res.fileAttributes != null && res.fileAttributes.attributes != null
                ? res.fileAttributes.attributes.size : -1;
    }

    private Behavior<Command> deliver() {
        ChunkTask.Op op = task.op();
        if (op instanceof ChunkTask.ReadDigest) {
            return report(null, digest(buffer.slice(0, position)));
        }
        if (op instanceof ChunkTask.CopyTo copy) {
            if (position == 0) {
                return report(null, null);
            }
            return copyOn(copy);
        }
        if (op instanceof ChunkTask.ReadToLocal local) {
            return writeLocal(local);
        }
        byte[] array = buffer.array();
        byte[] data = position == array.length ? array : Arrays.copyOf(array, position);
        buffer = null;
        if (op instanceof ChunkTask.ReadReply) {
            return report(data, null);
        }
        ChunkTask.ReadStream s = (ChunkTask.ReadStream) op;
        if (data.length > 0) {
            s.consumer().tell(new ChunkData(task.requestId(), task.offset(), data, s.ackTo(), task.chunk(), task.attempt()));
        }
        return report(null, null);
    }

    /** The write phase of a copy: what was read goes out to the target from the same buffer. */
    private Behavior<Command> copyOn(ChunkTask.CopyTo copy) {
        toWrite = position;
        position = 0;
        stable = copy.stable();
        writing = true;
        return connect(copy.target(), true);
    }

    private ChunkDigest digest(ByteBuffer data) {
        int length = data.remaining();
        CRC32C crc = new CRC32C();
        crc.update(data.duplicate());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data);
            return new ChunkDigest(task.offset(), length, (int) crc.getValue(), sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // ---- write phase ----------------------------------------------------------------------

    private FileRef writeTarget() {
        return task.op() instanceof ChunkTask.CopyTo c ? c.target() : task.op().file();
    }

    private Behavior<Command> sendWrite() {
        FileRef file = writeTarget();
        ByteBuffer data = buffer.slice(position, toWrite - position);
        rpcs++;
        getContext().pipeToSelf(writeClient.write(new NfsFh3(file.handle()), task.offset() + position, data, stable,
                observer), WriteDone::new);
        return this;
    }

    private Behavior<Command> onWrite(WriteDone done) {
        FileRef file = writeTarget();
        long at = task.offset() + position;
        if (done.failure() != null) {
            return fail("write", file, at, done.failure());
        }
        Write3Res res = done.res();
        if (res.status != Nfs3.NFS3_OK) {
            return fail(IoError.status(NfsStatus.of(res.status), "write " + file.url(), at));
        }
        if (res.count == 0 || res.count > toWrite - position) {
            return fail(IoError.at(Errno.EIO, "write " + file.url(), at, "the server wrote " + res.count + " of "
                    + (toWrite - position) + " bytes"));
        }
        if (verifier != null && !Arrays.equals(verifier, res.verf) && res.committed < Nfs3.FILE_SYNC) {
            // The server restarted between two parts of this chunk: the unstable first part may be
            // gone, so the whole chunk is written again under the new verifier.
            position = 0;
            verifier = null;
            committed = Nfs3.FILE_SYNC;
            return sendWrite();
        }
        verifier = res.verf;
        committed = Math.min(committed, res.committed);
        position += res.count;
        counters.bytesWritten(res.count);
        if (position < toWrite) {
            shortIo++;
            counters.shortWrite();
            return sendWrite();
        }
        return report(null, null);
    }

    // ---- the one report -------------------------------------------------------------------

    private Behavior<Command> report(byte[] data, ChunkDigest digest) {
        releaseBuffer();
        int count = writing ? toWrite : (data != null ? data.length : position);
        long verf = verifier == null ? 0 : ByteBuffer.wrap(verifier).getLong();
        replyTo.tell(new ChunkReport.Done(task.requestId(), task.chunk(), task.attempt(), node, task.offset(), count,
                eof, writing ? committed : Nfs3.FILE_SYNC, verf, data, digest,
                new ChunkReport.RpcCounts(rpcs, retransmits.get(), shortIo)));
        counters.chunkFinished(count);
        return Behaviors.stopped();
    }

    /** A failure of the client or the connection under {@code op} of {@code file} at {@code at}. */
    private Behavior<Command> fail(String op, FileRef file, long at, Throwable failure) {
        return fail(IoError.restated(failure, op + " " + file.url(), at));
    }

    private Behavior<Command> fail(IoError error) {
        releaseBuffer();
        replyTo.tell(new ChunkReport.Failed(task.requestId(), task.chunk(), task.attempt(), node, error,
                new ChunkReport.RpcCounts(rpcs, retransmits.get(), shortIo)));
        counters.chunkFinished(0);
        return Behaviors.stopped();
    }

    /** Only ever called with no RPC in flight: each RPC's result comes before the next step. */
    private void releaseBuffer() {
        if (pooled) {
            pool.release(buffer);
            pooled = false;
        }
        buffer = null;
    }
}
