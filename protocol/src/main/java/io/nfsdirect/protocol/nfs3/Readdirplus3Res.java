package io.nfsdirect.protocol.nfs3;

import java.util.List;

/** READDIRPLUS3res: see {@link DirListRes3}. */
public final class Readdirplus3Res extends DirListRes3<Entryplus3> {

    public Readdirplus3Res() {
        this(0, null, null, null, false);
    }

    public Readdirplus3Res(int status, PostOpAttr dirAttributes, byte[] cookieverf,
                           List<Entryplus3> entries, boolean eof) {
        super("READDIRPLUS3res", "dirlistplus3", Entryplus3::new, status, dirAttributes, cookieverf, entries, eof);
    }
}
