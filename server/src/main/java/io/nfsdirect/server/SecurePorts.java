package io.nfsdirect.server;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * exports(5)'s {@code secure}: calls must come from a source port below 1024, which on the usual
 * client host only root can bind. AUTH_SYS proves nothing by itself; a reserved port at least
 * proves that the uid in it was claimed by the client host's root, not by any of its users.
 * {@link #INSECURE} is exports(5)'s {@code insecure}: any port.
 */
final class SecurePorts {

    static final SecurePorts SECURE = new SecurePorts(true);
    static final SecurePorts INSECURE = new SecurePorts(false);

    /** Ports below this are reserved: IPPORT_RESERVED. */
    static final int RESERVED = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SecurePorts.class);
    private static final LogOnce REFUSED = new LogOnce(LOG);

    private final boolean secure;

    private SecurePorts(boolean secure) {
        this.secure = secure;
    }

    boolean required() {
        return secure;
    }

    /** Whether a call from {@code peer} may be served; a refusal is logged once per server. */
    boolean allows(InetSocketAddress peer) {
        if (!secure || peer == null || peer.getPort() < RESERVED) {
            return true;
        }
        REFUSED.warn("refused calls from {}: its source port is not below {} (exports(5) secure; "
                + "serve --insecure-ports allows them)", peer, RESERVED);
        return false;
    }
}
