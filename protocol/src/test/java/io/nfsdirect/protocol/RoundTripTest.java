package io.nfsdirect.protocol;

import static io.nfsdirect.protocol.xdr.XdrTesting.decode;
import static io.nfsdirect.protocol.xdr.XdrTesting.encode;
import static io.nfsdirect.protocol.xdr.XdrTesting.hex;
import static io.nfsdirect.protocol.xdr.XdrTesting.opaqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.nfsdirect.protocol.nfs3.Nfs3;

import org.dcache.oncrpc4j.xdr.XdrAble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static List<Samples.Sample> samples() {
        return Samples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesToAnEqualValue(Samples.Sample sample) throws Exception {
        byte[] bytes = encode(sample.value());
        assertEquals(0, bytes.length % 4, "XDR is a multiple of four bytes");

        XdrAble decoded = decode(bytes, sample.fresh().get());

        assertNotSame(sample.value(), decoded);
        assertEquals(sample.value(), decoded);
        assertEquals(sample.value().hashCode(), decoded.hashCode());
        assertEquals(hex(bytes), hex(encode(decoded)), "re-encoding gives the same bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesFromAStreamThatIsNotAnXdr(Samples.Sample sample) throws Exception {
        XdrAble decoded = sample.fresh().get();
        decoded.xdrDecode(opaqueStream(encode(sample.value())));
        assertEquals(sample.value(), decoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodingIntoAUsedInstanceLeavesNoTrace(Samples.Sample sample) throws Exception {
        // Decoders must reset the arms they do not read, or a reused result would mix two replies.
        for (Samples.Sample other : Samples.all()) {
            if (other.value().getClass() == sample.value().getClass()) {
                XdrAble reused = decode(encode(other.value()), sample.fresh().get());
                assertEquals(sample.value(), decode(encode(sample.value()), reused), "after " + other.name());
            }
        }
    }

    @Test
    void everyXdrTypeHasASample() throws Exception {
        Set<Class<?>> covered = new HashSet<>();
        Samples.all().forEach(sample -> covered.add(sample.value().getClass()));
        // Found by scanning the compiled classes, so that a type added later cannot miss its test.
        Path classes = Path.of(Nfs3.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : List.of("io/nfsdirect/protocol/nfs3", "io/nfsdirect/protocol/mount3")) {
            try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".class") && !name.contains("$")) {
                        Class<?> type = Class.forName(pkg.replace('/', '.') + "." + name.replace(".class", ""));
                        // An abstract shape shared by two RFC types is tested through them.
                        if (XdrAble.class.isAssignableFrom(type)
                                && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                            types.add(type);
                        }
                    }
                }
            }
        }
        assertTrue(types.size() >= 60, "found only " + types);
        for (Class<?> type : types) {
            assertTrue(covered.contains(type), type.getSimpleName() + " has no round-trip sample");
        }
    }
}
