package io.nfsdirect.protocol.nfs3;

/** RMDIR3args: the empty directory to remove from a directory; see {@link ObjectArgs3}. */
public final class Rmdir3Args extends ObjectArgs3<DirOpArgs3> {

    public Rmdir3Args() {
        this(null);
    }

    public Rmdir3Args(DirOpArgs3 object) {
        super("RMDIR3args", DirOpArgs3::new, object);
    }
}
