package io.nfsdirect.protocol.xdr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HexFormat;

import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;

/** Encoding, decoding and hex helpers shared by the protocol tests. */
public final class XdrTesting {

    private XdrTesting() {
    }

    /**
     * Encodes with oncrpc4j's own Xdr, starting deliberately small so that growing the buffer
     * is part of every test.
     */
    public static byte[] encode(XdrAble value) throws IOException {
        Xdr xdr = new Xdr(16);
        xdr.beginEncoding();
        value.xdrEncode(xdr);
        xdr.endEncoding();
        return xdr.getBytes();
    }

    /** Decodes {@code bytes} into {@code into} and insists that every byte was consumed. */
    public static <T extends XdrAble> T decode(byte[] bytes, T into) throws IOException {
        Xdr xdr = xdr(bytes);
        into.xdrDecode(xdr);
        assertEquals(0, xdr.asBuffer().remaining(), "bytes left after decoding " + into.getClass().getSimpleName());
        return into;
    }

    /** An Xdr positioned at the start of {@code bytes}, as oncrpc4j hands a received record to a decoder. */
    public static Xdr xdr(byte[] bytes) {
        Xdr xdr = new Xdr(bytes);
        xdr.beginDecoding();
        return xdr;
    }

    /**
     * The same bytes behind a stream that is not an oncrpc4j Xdr, so decoders cannot see how many
     * bytes remain and must fall back to their per-field limits.
     */
    public static XdrDecodingStream opaqueStream(byte[] bytes) {
        Xdr xdr = xdr(bytes);
        return (XdrDecodingStream) Proxy.newProxyInstance(XdrTesting.class.getClassLoader(),
                new Class<?>[] {XdrDecodingStream.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(xdr, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Parses hex written for humans: whitespace is ignored and {@code //} starts a comment, so
     * expected encodings can be laid out one XDR field per line.
     */
    public static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int comment = line.indexOf("//");
            String code = comment < 0 ? line : line.substring(0, comment);
            digits.append(code.replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
