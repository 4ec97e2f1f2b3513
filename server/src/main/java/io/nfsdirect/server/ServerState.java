package io.nfsdirect.server;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.nfs3.NfsFh3;

/**
 * Everything one server start shares between its procedures. It lives from {@link NfsServer#start}
 * to {@link NfsServer#close}; a restart builds a new one, with a new handle secret and a new
 * write verifier, which is exactly what tells clients that unstable writes may have been lost.
 */
final class ServerState {

    final Export export;
    final HandleCodec handles;
    final ChannelCache channels;
    final ReadBuffers buffers;
    final ReplyBudget budget;
    final AttrMapper attrs;
    final int rtmax;
    final int wtmax;
    /** How each call's credential becomes its caller. */
    final RootSquash squash;
    /** Whether calls must come from reserved ports. */
    final SecurePorts ports;
    private final byte[] verifier;

    ServerState(Export export, HandleCodec handles, ChannelCache channels, ReadBuffers buffers,
                ReplyBudget budget, AttrMapper attrs, int rtmax, int wtmax, RootSquash squash, SecurePorts ports,
                byte[] verifier) {
        this.export = export;
        this.handles = handles;
        this.channels = channels;
        this.buffers = buffers;
        this.budget = budget;
        this.attrs = attrs;
        this.rtmax = rtmax;
        this.wtmax = wtmax;
        this.squash = squash;
        this.ports = ports;
        this.verifier = verifier.clone();
    }

    /** The write verifier, as a copy, so that no holder of a reply or of the API can change it. */
    byte[] verifier() {
        return verifier.clone();
    }

    Export.Node node(NfsFh3 fh) throws NfsFault {
        if (fh == null || fh.data == null) {
            throw new NfsFault(NfsStatus.NFS3ERR_BADHANDLE, "no file handle");
        }
        return export.node(handles.decode(fh.data));
    }

    /**
     * After a name was removed or replaced: a file left with no name (a directory has only the
     * one) loses its handle, which reads as STALE from now on, and its open channel.
     */
    void unlinked(FileAttrs victim) {
        if (victim.isDirectory() || victim.nlink() <= 1) {
            Long id = export.forget(victim);
            if (id != null) {
                channels.invalidate(id);
            }
        }
    }

    NfsFh3 handle(Export.Node node) {
        return new NfsFh3(handles.encode(node.id()));
    }

    byte[] rawHandle(Export.Node node) {
        return handles.encode(node.id());
    }
}
