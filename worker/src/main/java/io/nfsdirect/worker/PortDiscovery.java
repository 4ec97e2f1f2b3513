package io.nfsdirect.worker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.dcache.oncrpc4j.portmap.OncRpcPortmap;
import org.dcache.oncrpc4j.portmap.mapping;
import org.dcache.oncrpc4j.rpc.net.IpProtocolType;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the NFS and MOUNT ports of a server, once, when a client opens.
 *
 * <p>Rules: a port given in the configuration is used as is. Otherwise the portmapper at host:111
 * is asked (PMAPPROC_GETPORT, version 2, TCP) for NFS 3 and MOUNT 3. NFS falls back to 2049 when
 * the portmapper does not answer or knows no NFS; MOUNT falls back to the NFS port, where
 * single-port servers (like the embedded one) serve it.
 *
 * <p>One refinement: when the NFS port is given but the MOUNT port is not, the portmapper's MOUNT
 * port is used only if the portmapper's NFS port is the given one. Otherwise the portmapper
 * describes some other server on the same host (on a test box: Ganesha registered, an embedded
 * server on a random port), and mounting there would hand out another server's file handles.
 *
 * <p>oncrpc4j's GenericPortmapClient is not used: its calls block, run without a timeout, and
 * two RpcCalls share one transport, which is the XID collision described in {@link PendingCalls}.
 */
final class PortDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(PortDiscovery.class);

    /** The ports a client will use, and whether the portmapper contributed to them. */
    record Ports(int nfs, int mount, boolean fromPortmapper) {
    }

    private PortDiscovery() {
    }

    static CompletionStage<Ports> discover(RpcEngine engine, InetSocketAddress host) {
        Nfs3ClientConfig config = engine.config();
        if (config.nfsPort() != 0 && config.mountPort() != 0) {
            return CompletableFuture.completedFuture(new Ports(config.nfsPort(), config.mountPort(), false));
        }
        InetSocketAddress portmapper = new InetSocketAddress(host.getAddress(), OncRpcPortmap.PORTMAP_PORT);
        // Bounded by portmapTimeout, not connectTimeout: a host that drops port 111 must not
        // hold up the open for long before the defaults are taken.
        Duration connect = config.portmapTimeout().compareTo(config.connectTimeout()) < 0
                ? config.portmapTimeout() : config.connectTimeout();
        ConnectionPool pool = engine.pool(portmapper, 1, connect);
        RetransmitPolicy policy = new RetransmitPolicy(config.portmapTimeout(), 0);
        CompletableFuture<Integer> nfs = getPort(engine, pool, policy, RpcProgram.NFS3);
        CompletableFuture<Integer> mount = getPort(engine, pool, policy, RpcProgram.MOUNT3);
        return nfs.thenCombine(mount, (pmNfs, pmMount) -> {
            engine.release(pool, "portmapper lookup finished");
            return choose(config, pmNfs, pmMount);
        });
    }

    static Ports choose(Nfs3ClientConfig config, int pmNfs, int pmMount) {
        int nfs = config.nfsPort() != 0 ? config.nfsPort()
                : pmNfs != 0 ? pmNfs : Nfs3ClientConfig.DEFAULT_NFS_PORT;
        boolean sameServer = config.nfsPort() == 0 || pmNfs == config.nfsPort();
        int mount = config.mountPort() != 0 ? config.mountPort()
                : sameServer && pmMount != 0 ? pmMount : nfs;
        return new Ports(nfs, mount, pmNfs != 0 || pmMount != 0);
    }

    /** The registered TCP port, or 0 if the portmapper does not answer or does not know it. */
    private static CompletableFuture<Integer> getPort(RpcEngine engine, ConnectionPool pool,
                                                      RetransmitPolicy policy, RpcProgram program) {
        mapping query = new mapping(program.number(), program.version(), IpProtocolType.TCP, 0);
        return engine.call(pool, RpcProgram.PORTMAP2, OncRpcPortmap.PMAPPROC_GETPORT, query, new XdrInt(), policy, null)
                .handle((port, failure) -> {
                    if (failure != null) {
                        LOG.debug("portmapper {}: no port for {} {}: {}", pool.server(), program.name(),
                                program.version(), failure.toString());
                        return 0;
                    }
                    int p = port.intValue();
                    return p > 0 && p <= 65535 ? p : 0;
                })
                .toCompletableFuture();
    }
}
