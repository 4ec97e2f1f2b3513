package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SizesTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "4096, 4096",
            "1k, 1024",
            "64K, 65536",
            "1m, 1048576",
            "256M, 268435456",
            "4g, 4294967296",
            "2t, 2199023255552",
            "1MiB, 1048576",
            "1mb, 1048576",
            "512b, 512",
            "' 8k ', 8192",
            "8 k, 8192",
            "9223372036854775807, 9223372036854775807",
    })
    void parsesNumbersWithBinarySuffixes(String text, long expected) {
        assertEquals(expected, Sizes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "k", "-1", "1.5m", "12x", "1kk", "0x10", "m1", "9223372036854775808",
            "8388608t", "99999999999999999999", "8191p"})
    void rejectsWhatIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void theLargestSuffixedValuesStillFit() {
        assertEquals(8388607L << 40, Sizes.parse("8388607t"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("8388608t"));
    }

    @Test
    void nullIsNotASize() {
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse(null));
    }

    @Test
    void convertersTurnBadSizesIntoPicocliConversionErrors() {
        assertEquals(1048576L, new Sizes.Converter().convert("1m"));
        assertEquals(65536, new Sizes.IntConverter().convert("64k"));
        assertThrows(CommandLine.TypeConversionException.class, () -> new Sizes.Converter().convert("1z"));
        assertThrows(CommandLine.TypeConversionException.class, () -> new Sizes.IntConverter().convert("2g"));
        assertEquals(Integer.MAX_VALUE, new Sizes.IntConverter().convert("2147483647"));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0 bytes",
            "1, 1 byte",
            "1023, 1023 bytes",
            "1024, 1 KiB",
            "1536, 1.5 KiB",
            "268435456, 256 MiB",
            "4294967296, 4 GiB",
            "1099511627776, 1 TiB",
    })
    void formatsForPeople(long bytes, String expected) {
        assertEquals(expected, Sizes.format(bytes));
    }

    @ParameterizedTest
    @CsvSource({"10, 10000", "10s, 10000", "500ms, 500", "2m, 120000", "1h, 3600000", "' 3 S ', 3000"})
    void durations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-1s", "1.5s", "10d", "ten"})
    void rejectsWhatIsNotADuration(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertThrows(CommandLine.TypeConversionException.class, () -> new Durations.Converter().convert(text));
    }
}
