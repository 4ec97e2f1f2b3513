package io.nfsdirect.protocol.nfs3;

/** REMOVE3args: the name to remove from a directory; see {@link ObjectArgs3}. */
public final class Remove3Args extends ObjectArgs3<DirOpArgs3> {

    public Remove3Args() {
        this(null);
    }

    public Remove3Args(DirOpArgs3 object) {
        super("REMOVE3args", DirOpArgs3::new, object);
    }
}
