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
 * exportnode without its {@code ex_next} pointer ({@link Exports} owns the outer list): an
 * exported directory and the client groups allowed to mount it (empty = everyone).
 */
public final class Exportnode implements XdrAble {

    private static final String GROUPS = "exportnode.ex_groups";

    public String dir;
    public List<String> groups;

    public Exportnode() {
    }

    public Exportnode(String dir, List<String> groups) {
        this.dir = dir;
        this.groups = groups;
    }

    @Override
    public void xdrDecode(XdrDecodingStream in) throws IOException {
        dir = XdrReader.string(in, "exportnode.ex_dir", Mount3.MNTPATHLEN);
        List<String> list = new ArrayList<>();
        while (XdrReader.bool(in, GROUPS)) {
            if (list.size() >= Mount3.MAX_GROUPS) {
                throw new XdrException(GROUPS, "more than " + Mount3.MAX_GROUPS + " groups for " + dir);
            }
            list.add(XdrReader.string(in, "groupnode.gr_name", Mount3.MNTNAMLEN));
        }
        groups = list;
    }

    @Override
    public void xdrEncode(XdrEncodingStream out) throws IOException {
        XdrWriter.string(out, "exportnode.ex_dir", dir, Mount3.MNTPATHLEN);
        if (groups != null) {
            for (String group : groups) {
                out.xdrEncodeBoolean(true);
                XdrWriter.string(out, "groupnode.gr_name", group, Mount3.MNTNAMLEN);
            }
        }
        out.xdrEncodeBoolean(false);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Exportnode other && Objects.equals(dir, other.dir)
                && Objects.equals(groups, other.groups));
    }

    @Override
    public int hashCode() {
        return Objects.hash(dir, groups);
    }

    @Override
    public String toString() {
        return "Exportnode{dir=" + dir + ", groups=" + groups + "}";
    }
}
