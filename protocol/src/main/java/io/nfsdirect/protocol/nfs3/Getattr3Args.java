package io.nfsdirect.protocol.nfs3;

/** GETATTR3args: the object whose attributes are wanted; see {@link ObjectArgs3}. */
public final class Getattr3Args extends ObjectArgs3<NfsFh3> {

    public Getattr3Args() {
        this(null);
    }

    public Getattr3Args(NfsFh3 object) {
        super("GETATTR3args", NfsFh3::new, object);
    }
}
