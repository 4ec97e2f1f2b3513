package io.nfsdirect.protocol.nfs3;

/** CREATE3res: see {@link DirOpRes3}. */
public final class Create3Res extends DirOpRes3 {

    public Create3Res() {
        super("CREATE3res");
    }

    public Create3Res(int status, PostOpFh3 obj, PostOpAttr objAttributes, WccData dirWcc) {
        super("CREATE3res", status, obj, objAttributes, dirWcc);
    }
}
