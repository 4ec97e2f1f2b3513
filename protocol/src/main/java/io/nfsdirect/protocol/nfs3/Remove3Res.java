package io.nfsdirect.protocol.nfs3;

/** REMOVE3res: see {@link WccRes3}. */
public final class Remove3Res extends WccRes3 {

    public Remove3Res() {
        this(0, null);
    }

    public Remove3Res(int status, WccData dirWcc) {
        super("REMOVE3res", status, dirWcc);
    }
}
