package io.nfsdirect.server;

import java.io.IOException;
import java.util.function.IntFunction;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.Access3Args;
import io.nfsdirect.protocol.nfs3.Access3Res;
import io.nfsdirect.protocol.nfs3.Commit3Args;
import io.nfsdirect.protocol.nfs3.Commit3Res;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.Create3Res;
import io.nfsdirect.protocol.nfs3.Fsinfo3Args;
import io.nfsdirect.protocol.nfs3.Fsinfo3Res;
import io.nfsdirect.protocol.nfs3.Fsstat3Args;
import io.nfsdirect.protocol.nfs3.Fsstat3Res;
import io.nfsdirect.protocol.nfs3.Getattr3Args;
import io.nfsdirect.protocol.nfs3.Getattr3Res;
import io.nfsdirect.protocol.nfs3.Link3Args;
import io.nfsdirect.protocol.nfs3.Link3Res;
import io.nfsdirect.protocol.nfs3.Lookup3Args;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Mkdir3Args;
import io.nfsdirect.protocol.nfs3.Mkdir3Res;
import io.nfsdirect.protocol.nfs3.Mknod3Args;
import io.nfsdirect.protocol.nfs3.Mknod3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.Pathconf3Args;
import io.nfsdirect.protocol.nfs3.Pathconf3Res;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.nfs3.Readdir3Args;
import io.nfsdirect.protocol.nfs3.Readdir3Res;
import io.nfsdirect.protocol.nfs3.Readdirplus3Args;
import io.nfsdirect.protocol.nfs3.Readdirplus3Res;
import io.nfsdirect.protocol.nfs3.Readlink3Args;
import io.nfsdirect.protocol.nfs3.Readlink3Res;
import io.nfsdirect.protocol.nfs3.Remove3Args;
import io.nfsdirect.protocol.nfs3.Remove3Res;
import io.nfsdirect.protocol.nfs3.Rename3Args;
import io.nfsdirect.protocol.nfs3.Rename3Res;
import io.nfsdirect.protocol.nfs3.Rmdir3Args;
import io.nfsdirect.protocol.nfs3.Rmdir3Res;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.protocol.nfs3.Setattr3Res;
import io.nfsdirect.protocol.nfs3.Symlink3Args;
import io.nfsdirect.protocol.nfs3.Symlink3Res;
import io.nfsdirect.protocol.nfs3.Write3Args;
import io.nfsdirect.protocol.nfs3.Write3Res;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NFS version 3 (program 100003): decodes each call, runs its procedure and replies.
 *
 * <p>Every procedure fails the same way: an {@link NfsFault} or an I/O error becomes that
 * procedure's failure result with the matching nfsstat3 and absent attributes, which is always a
 * valid reply. An unexpected exception or Error is a server bug; the client gets
 * NFS3ERR_SERVERFAULT, the log gets the first stack trace. Running out of memory is a shortage,
 * not a bug: NFS3ERR_JUKEBOX, so that the client retries. Calls arrive on the worker pool, never on a selector thread,
 * so the procedures may block on the disk.
 */
final class NfsProgram implements RpcDispatchable {

    private static final Logger LOG = LoggerFactory.getLogger(NfsProgram.class);
    private static final LogOnce BUG = new LogOnce(LOG);

    /** One procedure: arguments and the call in, a result out. */
    @FunctionalInterface
    interface Procedure<A> {
        XdrAble run(A args, Request request) throws NfsFault, IOException;
    }

    /** The call being served and who sent it. */
    record Request(RpcCall call, Caller caller) {
    }

    private final RootSquash squash;
    private final SecurePorts ports;
    private final AttrOps attrOps;
    private final DataOps dataOps;
    private final DirOps dirOps;
    private final CreateOps createOps;
    private final NameOps nameOps;
    private final LinkOps linkOps;

    NfsProgram(ServerState state) {
        this.squash = state.squash;
        this.ports = state.ports;
        this.attrOps = new AttrOps(state);
        this.dataOps = new DataOps(state);
        this.dirOps = new DirOps(state);
        this.createOps = new CreateOps(state);
        this.nameOps = new NameOps(state);
        this.linkOps = new LinkOps(state);
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) {
        switch (call.getProcedure()) {
            case Nfs3.PROC_NULL -> {
                if (RpcCalls.decode(call, XdrVoid.XDR_VOID)) {
                    call.reply(XdrVoid.XDR_VOID);
                }
            }
            case Nfs3.PROC_GETATTR -> serve(call, new Getattr3Args(), attrOps::getattr,
                    s -> new Getattr3Res(s, null));
            case Nfs3.PROC_SETATTR -> serve(call, new Setattr3Args(), attrOps::setattr,
                    s -> new Setattr3Res(s, AttrMapper.emptyWcc()));
            case Nfs3.PROC_LOOKUP -> serve(call, new Lookup3Args(), dirOps::lookup,
                    s -> new Lookup3Res(s, null, null, null));
            case Nfs3.PROC_ACCESS -> serve(call, new Access3Args(), attrOps::access,
                    s -> new Access3Res(s, null, 0));
            case Nfs3.PROC_READLINK -> serve(call, new Readlink3Args(), linkOps::readlink,
                    s -> new Readlink3Res(s, null, null));
            case Nfs3.PROC_READ -> serve(call, new Read3Args(), dataOps::read,
                    s -> new Read3Res(s, null, 0, false, null));
            case Nfs3.PROC_WRITE -> serve(call, new Write3Args(), dataOps::write,
                    s -> new Write3Res(s, AttrMapper.emptyWcc(), 0, Nfs3.UNSTABLE, null));
            case Nfs3.PROC_CREATE -> serve(call, new Create3Args(), createOps::create,
                    s -> new Create3Res(s, null, null, AttrMapper.emptyWcc()));
            case Nfs3.PROC_MKDIR -> serve(call, new Mkdir3Args(), createOps::mkdir,
                    s -> new Mkdir3Res(s, null, null, AttrMapper.emptyWcc()));
            case Nfs3.PROC_SYMLINK -> serve(call, new Symlink3Args(), linkOps::symlink,
                    s -> new Symlink3Res(s, null, null, AttrMapper.emptyWcc()));
            case Nfs3.PROC_MKNOD -> serve(call, new Mknod3Args(), createOps::mknod,
                    s -> new Mknod3Res(s, null, null, AttrMapper.emptyWcc()));
            case Nfs3.PROC_REMOVE -> serve(call, new Remove3Args(), nameOps::remove,
                    s -> new Remove3Res(s, AttrMapper.emptyWcc()));
            case Nfs3.PROC_RMDIR -> serve(call, new Rmdir3Args(), nameOps::rmdir,
                    s -> new Rmdir3Res(s, AttrMapper.emptyWcc()));
            case Nfs3.PROC_RENAME -> serve(call, new Rename3Args(), nameOps::rename,
                    s -> new Rename3Res(s, AttrMapper.emptyWcc(), AttrMapper.emptyWcc()));
            case Nfs3.PROC_LINK -> serve(call, new Link3Args(), nameOps::link,
                    s -> new Link3Res(s, null, AttrMapper.emptyWcc()));
            case Nfs3.PROC_READDIR -> serve(call, new Readdir3Args(), dirOps::readdir,
                    s -> new Readdir3Res(s, null, null, null, false));
            case Nfs3.PROC_READDIRPLUS -> serve(call, new Readdirplus3Args(), dirOps::readdirplus,
                    s -> new Readdirplus3Res(s, null, null, null, false));
            case Nfs3.PROC_FSSTAT -> serve(call, new Fsstat3Args(), attrOps::fsstat,
                    s -> new Fsstat3Res(s, null, 0, 0, 0, 0, 0, 0, 0));
            case Nfs3.PROC_FSINFO -> serve(call, new Fsinfo3Args(), attrOps::fsinfo,
                    s -> new Fsinfo3Res(s, null, 0, 0, 0, 0, 0, 0, 0, 0, null, 0));
            case Nfs3.PROC_PATHCONF -> serve(call, new Pathconf3Args(), attrOps::pathconf,
                    s -> new Pathconf3Res(s, null, 0, 0, false, false, false, false));
            case Nfs3.PROC_COMMIT -> serve(call, new Commit3Args(), dataOps::commit,
                    s -> new Commit3Res(s, AttrMapper.emptyWcc(), null));
            // every procedure of RFC 1813 is served; numbers beyond the last are no procedure
            default -> call.failProcedureUnavailable();
        }
    }

    private <A extends XdrAble> void serve(RpcCall call, A args, Procedure<A> procedure,
                                           IntFunction<XdrAble> failure) {
        if (!RpcCalls.decode(call, args)) {
            return;
        }
        if (!ports.allows(call.getTransport().getRemoteSocketAddress())) {
            call.reply(failure.apply(NfsStatus.NFS3ERR_PERM.code()));
            return;
        }
        XdrAble result;
        try {
            result = procedure.run(args, new Request(call, squash.caller(call.getCredential())));
        } catch (NfsFault fault) {
            LOG.debug("procedure {} failed: {} ({})", call.getProcedure(), fault.status(), fault.getMessage());
            result = failure.apply(fault.code());
        } catch (IOException e) {
            NfsStatus status = Faults.statusOf(e);
            LOG.debug("procedure {} failed: {} ({})", call.getProcedure(), status, e.toString());
            result = failure.apply(status.code());
        } catch (OutOfMemoryError e) {
            // the heap or direct memory ran out under this call: a shortage that passes, so the
            // client is told to retry rather than left without an answer
            BUG.warn("procedure {} ran out of memory: {}", call.getProcedure(), e.toString());
            result = failure.apply(NfsStatus.NFS3ERR_JUKEBOX.code());
        } catch (RuntimeException | Error e) {
            BUG.warn("procedure {} threw {}", call.getProcedure(), e.toString(), e);
            result = failure.apply(NfsStatus.NFS3ERR_SERVERFAULT.code());
        }
        call.reply(result);
    }
}
