package io.nfsdirect.protocol.nfs3;

/** RMDIR3res: see {@link WccRes3}. */
public final class Rmdir3Res extends WccRes3 {

    public Rmdir3Res() {
        this(0, null);
    }

    public Rmdir3Res(int status, WccData dirWcc) {
        super("RMDIR3res", status, dirWcc);
    }
}
