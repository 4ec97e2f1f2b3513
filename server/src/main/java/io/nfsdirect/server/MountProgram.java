package io.nfsdirect.server;

import java.util.List;
import java.util.Set;

import io.nfsdirect.protocol.mount3.Dirpath;
import io.nfsdirect.protocol.mount3.Exportnode;
import io.nfsdirect.protocol.mount3.Exports;
import io.nfsdirect.protocol.mount3.Mount3;
import io.nfsdirect.protocol.mount3.Mountres3;
import org.dcache.oncrpc4j.rpc.RpcAuthType;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MOUNT version 3 (program 100005), served on the NFS port.
 *
 * <p>As knfsd and Ganesha do, EXPORT lists the export under its path (the directory's absolute
 * path unless a name was configured), and MNT of that path, or of a directory path below it,
 * returns that directory's handle. The latter is what libnfs relies on: it mounts the URL's path
 * up to the last '/'. The server keeps no mount list (NFSv3 is stateless and the list is
 * advisory), so DUMP answers with an empty list and UMNT/UMNTALL have nothing to forget.
 */
final class MountProgram implements RpcDispatchable {

    private static final Logger LOG = LoggerFactory.getLogger(MountProgram.class);
    private static final Set<Integer> SHARED_STATUSES = Set.of(
            Mount3.MNT3ERR_PERM, Mount3.MNT3ERR_NOENT, Mount3.MNT3ERR_IO, Mount3.MNT3ERR_ACCES,
            Mount3.MNT3ERR_NOTDIR, Mount3.MNT3ERR_INVAL, Mount3.MNT3ERR_NAMETOOLONG,
            Mount3.MNT3ERR_NOTSUPP, Mount3.MNT3ERR_SERVERFAULT);

    private final ServerState state;

    MountProgram(ServerState state) {
        this.state = state;
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) {
        switch (call.getProcedure()) {
            case Mount3.PROC_NULL, Mount3.PROC_UMNTALL -> {
                if (RpcCalls.decode(call, XdrVoid.XDR_VOID)) {
                    call.reply(XdrVoid.XDR_VOID);
                }
            }
            case Mount3.PROC_MNT -> mnt(call);
            case Mount3.PROC_UMNT -> {
                if (RpcCalls.decode(call, new Dirpath())) {
                    call.reply(XdrVoid.XDR_VOID);
                }
            }
            case Mount3.PROC_DUMP -> {
                if (RpcCalls.decode(call, XdrVoid.XDR_VOID)) {
                    call.reply(RpcCalls.statusOnly(0, 0)); // an empty mountlist: "no value follows"
                }
            }
            case Mount3.PROC_EXPORT -> {
                if (RpcCalls.decode(call, XdrVoid.XDR_VOID)) {
                    call.reply(new Exports(List.of(new Exportnode(state.export.mountPath(), List.of()))));
                }
            }
            default -> call.failProcedureUnavailable();
        }
    }

    private void mnt(RpcCall call) {
        Dirpath args = new Dirpath();
        if (!RpcCalls.decode(call, args)) {
            return;
        }
        if (!state.ports.allows(call.getTransport().getRemoteSocketAddress())) {
            call.reply(new Mountres3(Mount3.MNT3ERR_ACCES, null, null));
            return;
        }
        Mountres3 res;
        try {
            Export.Node node = state.export.mount(args.path);
            res = new Mountres3(Mount3.MNT3_OK, state.rawHandle(node), new int[] {RpcAuthType.UNIX});
            LOG.debug("MNT {} by {}", args.path, call.getTransport().getRemoteSocketAddress());
        } catch (NfsFault fault) {
            int code = fault.code();
            res = new Mountres3(SHARED_STATUSES.contains(code) ? code : Mount3.MNT3ERR_IO, null, null);
            LOG.debug("MNT {} refused: {}", args.path, fault.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("MNT {} failed", args.path, e);
            res = new Mountres3(Mount3.MNT3ERR_SERVERFAULT, null, null);
        }
        call.reply(res);
    }
}
