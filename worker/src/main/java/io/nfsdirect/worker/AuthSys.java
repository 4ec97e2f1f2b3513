package io.nfsdirect.worker;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the AUTH_SYS credential a client sends with every call, once per client. */
final class AuthSys {

    private static final Logger LOG = LoggerFactory.getLogger(AuthSys.class);

    private AuthSys() {
    }

    /**
     * The configured uid/gid/gids, each defaulting to this process's. The process's groups are
     * only sent along with its own uid and gid: with a borrowed identity they would grant access
     * the configured user does not have.
     */
    static RpcAuthTypeUnix of(Nfs3ClientConfig config) {
        int uid = 0;
        int gid = 0;
        int[] groups = new int[0];
        String machine = config.machineName();
        try {
            RpcAuthTypeUnix self = RpcAuthTypeUnix.ofCurrentUnixUser();
            uid = self.uid();
            gid = self.gid();
            groups = self.gids();
        } catch (Exception | LinkageError e) {
            // Not a Unix JVM or no jdk.security.auth module: send 0/0, what a root process would.
            LOG.debug("cannot read this process's uid/gid, using 0/0: {}", e.toString());
        }
        boolean ownIdentity = config.uid() < 0 && config.gid() < 0;
        if (config.uid() >= 0) {
            uid = config.uid();
        }
        if (config.gid() >= 0) {
            gid = config.gid();
        }
        int[] gids;
        if (config.gids() != null) {
            gids = config.gids().stream().mapToInt(Integer::intValue).toArray();
        } else if (ownIdentity) {
            // AUTH_SYS carries at most 16; the kernel client truncates the same way.
            gids = Arrays.copyOf(groups, Math.min(groups.length, Nfs3ClientConfig.MAX_GIDS));
        } else {
            gids = new int[0];
        }
        if (machine == null) {
            machine = localHostName();
        }
        return new RpcAuthTypeUnix(uid, gid, gids, (int) (System.currentTimeMillis() / 1000), machine);
    }

    static List<Integer> gids(RpcAuthTypeUnix auth) {
        return Arrays.stream(auth.gids()).boxed().toList();
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() <= 255 ? name : name.substring(0, 255);
        } catch (Exception e) {
            return "localhost";
        }
    }
}
