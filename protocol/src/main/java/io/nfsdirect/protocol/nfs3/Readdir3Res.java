package io.nfsdirect.protocol.nfs3;

import java.util.List;

/** READDIR3res: see {@link DirListRes3}. */
public final class Readdir3Res extends DirListRes3<Entry3> {

    public Readdir3Res() {
        this(0, null, null, null, false);
    }

    public Readdir3Res(int status, PostOpAttr dirAttributes, byte[] cookieverf,
                       List<Entry3> entries, boolean eof) {
        super("READDIR3res", "dirlist3", Entry3::new, status, dirAttributes, cookieverf, entries, eof);
    }
}
