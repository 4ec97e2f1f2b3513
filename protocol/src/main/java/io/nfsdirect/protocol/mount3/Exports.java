package io.nfsdirect.protocol.mount3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.nfsdirect.protocol.xdr.XdrException;
import io.nfsdirect.protocol.xdr.XdrReader;
import io.nfsdirect.protocol.xdr.XdrWriter;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * exports: the EXPORT result, a linked list of "value follows" booleans on the wire, decoded as
 * a loop with a cap ({@link Mount3#MAX_EXPORTS}) rather than by recursion.
 */
public final class Exports implements XdrAble {

    private static final String NODES = "exports";

    public List<Exportnode> nodes;

    public Exports() {
    }

    public Exports(List<Exportnode> nodes) {
        this.nodes = nodes;
    }

    /** The exported directories, in server order. */
    public List<String> dirs() {
        List<String> dirs = new ArrayList<>();
        if (nodes != null) {
            for (Exportnode node : nodes) {
                dirs.add(node.dir);
            }
        }
        return dirs;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        List<Exportnode> list = new ArrayList<>();
        while (XdrReader.bool(in, NODES)) {
            if (list.size() >= Mount3.MAX_EXPORTS) {
                throw new XdrException(NODES, "more than " + Mount3.MAX_EXPORTS + " exports");
            }
            list.add(XdrReader.struct(in, new Exportnode()));
        }
        nodes = list;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        if (nodes != null) {
            for (Exportnode node : nodes) {
                out.xdrEncodeBoolean(true);
                XdrWriter.required(node, NODES).xdrEncode(out);
            }
        }
        out.xdrEncodeBoolean(false);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Exports other && Objects.equals(nodes, other.nodes));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(nodes);
    }

    @Override
    public String toString() {
        return "Exports" + nodes;
    }
}
