package io.nfsdirect.protocol.nfs3;

/** PATHCONF3args: the object whose file system's POSIX limits are wanted; see {@link ObjectArgs3}. */
public final class Pathconf3Args extends ObjectArgs3<NfsFh3> {

    public Pathconf3Args() {
        this(null);
    }

    public Pathconf3Args(NfsFh3 object) {
        super("PATHCONF3args", NfsFh3::new, object);
    }
}
