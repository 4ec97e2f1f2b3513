package io.nfsdirect.protocol.nfs3;

/** SYMLINK3res: see {@link DirOpRes3}. */
public final class Symlink3Res extends DirOpRes3 {

    public Symlink3Res() {
        super("SYMLINK3res");
    }

    public Symlink3Res(int status, PostOpFh3 obj, PostOpAttr objAttributes, WccData dirWcc) {
        super("SYMLINK3res", status, obj, objAttributes, dirWcc);
    }
}
