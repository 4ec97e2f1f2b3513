package io.nfsdirect.server;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.nfsdirect.protocol.NfsStatus;

/**
 * Turns a {@link FileTable} id into the opaque NFS file handle a client holds, and back.
 *
 * <p>Layout (32 bytes): the 8-byte instance id of this server start, the 8-byte file id, and
 * the first 16 bytes of an HMAC-SHA256 over both, keyed by a secret drawn at start. The handle
 * never contains a path, so a client learns nothing about the server's directory layout and
 * cannot construct a handle for a file it was never given: without the secret it cannot produce
 * a valid MAC. Without a {@link HandleState} the secret and the instance id die with the server,
 * so every handle from an earlier start reads as stale; with one they survive the restart, with
 * the file table, and so do the clients' handles.
 */
final class HandleCodec {

    static final int LENGTH = 32;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final long instance;
    private final SecretKeySpec key;
    // Mac instances are stateful and not thread-safe; one per worker thread avoids a lock per call.
    private final ThreadLocal<Mac> macs;

    /** A codec of one server start: its handles read as stale after a restart. */
    HandleCodec(SecureRandom random) {
        this(random.nextLong(), secret(random));
    }

    /** A codec whose instance and secret a {@link HandleState} keeps across restarts. */
    HandleCodec(long instance, byte[] secret) {
        this.instance = instance;
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private static byte[] secret(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    byte[] encode(long id) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.putLong(instance).putLong(id);
        out.put(mac(instance, id), 0, MAC_BYTES);
        return out.array();
    }

    /**
     * Returns the file id a handle names. A handle of the wrong size or with a wrong MAC is
     * BADHANDLE (a client bug or a forgery); a well-formed handle of another server start is
     * STALE, the status a client expects after a server restart.
     */
    long decode(byte[] handle) throws NfsFault {
        if (handle == null || handle.length != LENGTH) {
            throw new NfsFault(NfsStatus.NFS3ERR_BADHANDLE, "file handle of "
                    + (handle == null ? 0 : handle.length) + " bytes, expected " + LENGTH);
        }
        ByteBuffer in = ByteBuffer.wrap(handle);
        long handleInstance = in.getLong();
        long id = in.getLong();
        if (handleInstance != instance) {
            throw new NfsFault(NfsStatus.NFS3ERR_STALE, "file handle from another server instance");
        }
        byte[] expected = mac(handleInstance, id);
        byte[] actual = new byte[MAC_BYTES];
        in.get(actual);
        if (!MessageDigest.isEqual(actual, Arrays.copyOf(expected, MAC_BYTES))) {
            throw new NfsFault(NfsStatus.NFS3ERR_BADHANDLE, "file handle failed verification");
        }
        return id;
    }

    private byte[] mac(long handleInstance, long id) {
        Mac mac = macs.get();
        mac.update(ByteBuffer.allocate(16).putLong(handleInstance).putLong(id).flip());
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }
}
