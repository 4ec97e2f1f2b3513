package io.nfsdirect.server;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.nfsdirect.protocol.mount3.Dirpath;
import io.nfsdirect.protocol.mount3.Mount3;
import io.nfsdirect.protocol.mount3.Mountres3;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Lookup3Args;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import org.dcache.oncrpc4j.rpc.OncRpcClient;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.rpc.net.IpProtocolType;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * A bare oncrpc4j client speaking the protocol module's types, for exercising the server
 * procedure by procedure with a chosen AUTH_SYS identity. Calls are synchronous and one at a
 * time per program, which sidesteps oncrpc4j's shared reply queue and per-call xid counters.
 */
final class RawClient implements AutoCloseable {

    private final OncRpcClient client;
    private final RpcCall nfs;
    private final RpcCall mount;

    RawClient(int port, int uid, int gid) throws IOException {
        client = new OncRpcClient(InetAddress.getLoopbackAddress(), IpProtocolType.TCP, port);
        RpcTransport transport = client.connect();
        RpcAuthTypeUnix auth = new RpcAuthTypeUnix(uid, gid, new int[] {gid}, 0, "raw-client");
        nfs = new RpcCall(Nfs3.PROGRAM, Nfs3.VERSION, auth, transport);
        mount = new RpcCall(Mount3.PROGRAM, Mount3.VERSION, auth, transport);
    }

    static RawClient root(NfsServer server) throws IOException {
        return new RawClient(server.port(), 0, 0);
    }

    synchronized <T extends XdrAble> T nfs(int procedure, XdrAble args, T result) throws IOException {
        try {
            nfs.call(procedure, args, result, 30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("NFS procedure " + procedure + " timed out", e);
        }
        return result;
    }

    synchronized <T extends XdrAble> T mount(int procedure, XdrAble args, T result) throws IOException {
        try {
            mount.call(procedure, args, result, 30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("MOUNT procedure " + procedure + " timed out", e);
        }
        return result;
    }

    /** MNT; fails unless the server answers MNT3_OK. */
    NfsFh3 mnt(String path) throws IOException {
        Mountres3 res = mount(Mount3.PROC_MNT, new Dirpath(path), new Mountres3());
        if (res.status != Mount3.MNT3_OK) {
            throw new IOException("MNT " + path + " failed with mountstat3 " + res.status);
        }
        return new NfsFh3(res.fhandle);
    }

    Lookup3Res lookup(NfsFh3 dir, String name) throws IOException {
        return nfs(Nfs3.PROC_LOOKUP, new Lookup3Args(new DirOpArgs3(dir, name)), new Lookup3Res());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
