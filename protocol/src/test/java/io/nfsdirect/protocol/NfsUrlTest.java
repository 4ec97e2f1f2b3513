package io.nfsdirect.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NfsUrlTest {

    @Test
    void minimal() {
        NfsUrl url = NfsUrl.parse("nfs://server/export/dir/file");
        assertEquals(new NfsUrl("server", 0, 0, "/export/dir/file", -1, -1, 0, 0), url);
        assertEquals("nfs://server/export/dir/file", url.toString());
    }

    @Test
    void everyParameter() {
        NfsUrl url = NfsUrl.parse("nfs://127.0.0.1:2049/e/f?mountport=20048&version=3&uid=1000&gid=100"
                + "&rsize=1048576&wsize=524288");
        assertEquals("127.0.0.1", url.host());
        assertEquals(2049, url.nfsPort());
        assertEquals(20048, url.mountPort());
        assertEquals("/e/f", url.path());
        assertEquals(1000, url.uid());
        assertEquals(100, url.gid());
        assertEquals(1048576, url.rsize());
        assertEquals(524288, url.wsize());
        assertEquals("nfs://127.0.0.1:2049/e/f?mountport=20048&uid=1000&gid=100&rsize=1048576&wsize=524288",
                url.toString());
    }

    @Test
    void nfsportParameterIsTheNfsPort() {
        NfsUrl url = NfsUrl.parse("nfs://h/e?nfsport=2050&mountport=2051");
        assertEquals(2050, url.nfsPort());
        assertEquals(2051, url.mountPort());
        assertEquals(2050, NfsUrl.parse("nfs://h:2050/e?nfsport=2050").nfsPort());
        assertEquals("nfs://h:2050/e?mountport=2051", url.toString());
    }

    @Test
    void ipv6() {
        NfsUrl url = NfsUrl.parse("nfs://[::1]:2049/export");
        assertEquals("::1", url.host());
        assertEquals(2049, url.nfsPort());
        assertEquals("nfs://[::1]:2049/export", url.toString());
        assertEquals("fe80::1", NfsUrl.parse("nfs://[fe80::1]/x").host());
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertEquals("/x", NfsUrl.parse("NFS://h/x").path());
    }

    @ParameterizedTest
    @CsvSource({
            "nfs://h//a/./b/../c/,   /a/c",
            "nfs://h/a/b/..,         /a",
            "nfs://h/,               /",
            "nfs://h/a/..,           /",
            "nfs://h/./x//,          /x",
            "nfs://h/my%20file%3F,   /my file?",
            "nfs://h/caf%C3%A9,      /caf\u00e9",
            "nfs://h/a%2Fb,          /a/b",
    })
    void pathIsDecodedAndNormalized(String text, String path) {
        assertEquals(path, NfsUrl.parse(text).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "nfs://h/e/f",
            "nfs://h:1/e/f?mountport=65535&uid=0&gid=0&rsize=1&wsize=4096",
            "nfs://[::1]:2049/",
            "nfs://h/with%20space/%23hash/%3Fquestion/%25percent/caf%C3%A9",
    })
    void toStringParsesBackToTheSameUrl(String text) {
        NfsUrl url = NfsUrl.parse(text);
        assertEquals(url, NfsUrl.parse(url.toString()));
        assertEquals(text, url.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://h/x                        | must start with nfs://
            nfs:/h/x                          | must start with nfs://
            nfs://                            | missing host
            nfs:///export                     | missing host
            nfs://h                           | missing path
            nfs://h?version=3                 | missing path
            nfs://h:0/x                       | port must be a number in [1, 65535], got 0
            nfs://h:65536/x                   | port must be a number in [1, 65535], got 65536
            nfs://h:abc/x                     | port must be a number in [1, 65535], got 'abc'
            nfs://h:/x                        | port must be a number in [1, 65535], got ''
            nfs://user@h/x                    | user information
            nfs://[::1/x                      | unterminated IPv6 address
            nfs://[::1]x/y                    | unexpected text after IPv6 address
            nfs://h/../etc/passwd             | path escapes the root
            nfs://h/a/../../b                 | path escapes the root
            nfs://h/x#frag                    | fragments (#) are not supported
            nfs://h/x?version=4               | unsupported NFS version 4: only version=3 is supported
            nfs://h/x?version=2               | unsupported NFS version 2
            nfs://h/x?foo=1                   | unknown query parameter 'foo'
            nfs://h/x?uid                     | query parameter 'uid' is not key=value
            nfs://h/x?uid=1&uid=2             | query parameter 'uid' given twice
            nfs://h/x?uid=-1                  | uid must be a number in [0, 2147483647], got '-1'
            nfs://h/x?gid=99999999999         | gid must be a number in [0, 2147483647], got '99999999999'
            nfs://h/x?rsize=0                 | rsize must be a number in [1, 67108864], got 0
            nfs://h/x?wsize=1g                | wsize must be a number
            nfs://h/x?nfsport=70000           | nfsport must be a number in [1, 65535], got 70000
            nfs://h:2049/x?nfsport=2050       | port 2049 and nfsport=2050 disagree
            nfs://h/x?mountport=              | mountport must be a number
            nfs://h/x?&uid=1                  | query parameter '' is not key=value
            nfs://h/a%zzb                     | bad percent escape %zz
            nfs://h/a%4                       | truncated percent escape
            nfs://h/a%00b                     | NUL byte
            """)
    void badUrlsSayWhatIsWrong(String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NfsUrl.parse(text));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad NFS URL '" + text + "': "), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> NfsUrl.parse(null));
    }

    @Test
    void longestExportWins() throws NfsException {
        NfsUrl url = NfsUrl.parse("nfs://h/a/b/c/d.bin");
        NfsUrl.Target target = url.resolve(List.of("/", "/a", "/a/b", "/a/b/c/d.bin.old", "/z"));
        assertEquals(new NfsUrl.Target("/a/b", "c/d.bin"), target);
        // order of the server's list does not matter
        assertEquals(target, url.resolve(List.of("/a/b", "/a", "/")));
    }

    @Test
    void prefixesAreComparedByComponent() throws NfsException {
        NfsUrl url = NfsUrl.parse("nfs://h/a/bc/d");
        assertEquals(new NfsUrl.Target("/a", "bc/d"), url.resolve(List.of("/a/b", "/a")));
        NfsException e = assertThrows(NfsException.class, () -> url.resolve(List.of("/a/b", "/a/bcd")));
        assertSame(Errno.ENOENT, e.errno());
    }

    @Test
    void exactExportHasAnEmptyRelativePath() throws NfsException {
        assertEquals(new NfsUrl.Target("/srv/nfs", ""), NfsUrl.parse("nfs://h/srv/nfs").resolve(List.of("/srv/nfs")));
        assertEquals(new NfsUrl.Target("/srv/nfs", ""), NfsUrl.parse("nfs://h/srv/nfs/").resolve(List.of("/srv/nfs")));
        assertEquals(new NfsUrl.Target("/", ""), NfsUrl.parse("nfs://h/").resolve(List.of("/")));
    }

    @Test
    void rootExportHoldsEverything() throws NfsException {
        assertEquals(new NfsUrl.Target("/", "x/y"), NfsUrl.parse("nfs://h/x/y").resolve(List.of("/")));
    }

    @Test
    void exportIsReturnedVerbatimForMnt() throws NfsException {
        // A server may list "/srv/nfs/" or "//srv/nfs"; MNT must get the string the server knows.
        assertEquals(new NfsUrl.Target("/srv/nfs/", "f"), NfsUrl.parse("nfs://h/srv/nfs/f").resolve(List.of("/srv/nfs/")));
        assertEquals(new NfsUrl.Target("//srv//nfs", "f"),
                NfsUrl.parse("nfs://h/srv/nfs/f").resolve(List.of("//srv//nfs", "relative", "")));
    }

    @Test
    void noMatchingExportIsEnoent() {
        NfsUrl url = NfsUrl.parse("nfs://server/data/f");
        NfsException e = assertThrows(NfsException.class, () -> url.resolve(List.of("/srv", "/home")));
        assertSame(Errno.ENOENT, e.errno());
        assertEquals(null, e.status());
        assertEquals("no export of server contains /data/f (exports: /srv, /home): "
                + "No such file or directory (ENOENT)", e.getMessage());
        NfsException none = assertThrows(NfsException.class, () -> url.resolve(List.of()));
        assertTrue(none.getMessage().contains("(exports: none)"), none.getMessage());
    }

    @Test
    void recordValidatesItsOwnInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new NfsUrl("", 0, 0, "/", -1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NfsUrl("h", 0, 0, "relative", -1, -1, 0, 0));
    }
}
