package io.nfsdirect.protocol.nfs3;

import java.io.IOException;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrReader;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** nfstime3: seconds and nanoseconds since the epoch, both uint32 on the wire. */
public final class NfsTime3 implements XdrAble {

    public int seconds;
    public int nseconds;

    public NfsTime3() {
    }

    public NfsTime3(int seconds, int nseconds) {
        this.seconds = seconds;
        this.nseconds = nseconds;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        seconds = XdrReader.int32(in, "nfstime3.seconds");
        nseconds = XdrReader.int32(in, "nfstime3.nseconds");
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        out.xdrEncodeInt(seconds);
        out.xdrEncodeInt(nseconds);
    }

    /** Writes {@code time}, or the epoch if null, for structures whose times are mandatory. */
    static void write(XdrEncodingStream out, NfsTime3 time) throws IOException {
        (time == null ? new NfsTime3() : time).xdrEncode(out);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof NfsTime3 other && seconds == other.seconds && nseconds == other.nseconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seconds, nseconds);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(seconds) + "." + String.format("%09d", Integer.toUnsignedLong(nseconds));
    }
}
