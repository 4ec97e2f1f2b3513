package io.nfsdirect.server;

import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;

/**
 * How an AUTH_SYS credential becomes the {@link Caller} the permission checks see: knfsd's
 * {@code root_squash} (the default, as in exports(5)) or {@code no_root_squash}.
 *
 * <p>AUTH_SYS is a claim, not a proof: anyone who can reach the port may say uid 0. Squashing maps
 * uid 0 to the anonymous uid, and gid 0 (primary or supplementary) to the anonymous gid, so such
 * a claim gets only what "other" may do, and whatever it creates belongs to the anonymous user.
 * AUTH_NONE and unknown flavors are the anonymous user either way.
 *
 * @param squash  map root to the anonymous identity
 * @param anonUid the anonymous uid (exports(5) anonuid; 65534, nobody, by default)
 * @param anonGid the anonymous gid (anongid; 65534, nogroup, by default)
 */
record RootSquash(boolean squash, int anonUid, int anonGid) {

    static final RootSquash DEFAULT = new RootSquash(true, Caller.NOBODY, Caller.NOBODY);
    static final RootSquash NONE = new RootSquash(false, Caller.NOBODY, Caller.NOBODY);

    Caller caller(RpcAuth auth) {
        if (!(auth instanceof RpcAuthTypeUnix unix)) {
            return new Caller(anonUid, anonGid, new int[0], false);
        }
        int[] gids = unix.gids() == null ? new int[0] : unix.gids().clone();
        if (!squash) {
            return new Caller(unix.uid(), unix.gid(), gids, false);
        }
        boolean squashed = unix.uid() == 0;
        int uid = squashed ? anonUid : unix.uid();
        int gid = unix.gid();
        if (gid == 0) {
            gid = anonGid;
            squashed = true;
        }
        for (int i = 0; i < gids.length; i++) {
            if (gids[i] == 0) {
                gids[i] = anonGid;
            }
        }
        return new Caller(uid, gid, gids, squashed);
    }
}
