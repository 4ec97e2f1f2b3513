package io.nfsdirect.protocol.nfs3;

/** MKDIR3res: see {@link DirOpRes3}. */
public final class Mkdir3Res extends DirOpRes3 {

    public Mkdir3Res() {
        super("MKDIR3res");
    }

    public Mkdir3Res(int status, PostOpFh3 obj, PostOpAttr objAttributes, WccData dirWcc) {
        super("MKDIR3res", status, obj, objAttributes, dirWcc);
    }
}
