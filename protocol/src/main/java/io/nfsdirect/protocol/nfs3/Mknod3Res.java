package io.nfsdirect.protocol.nfs3;

/** MKNOD3res: see {@link DirOpRes3}. */
public final class Mknod3Res extends DirOpRes3 {

    public Mknod3Res() {
        super("MKNOD3res");
    }

    public Mknod3Res(int status, PostOpFh3 obj, PostOpAttr objAttributes, WccData dirWcc) {
        super("MKNOD3res", status, obj, objAttributes, dirWcc);
    }
}
