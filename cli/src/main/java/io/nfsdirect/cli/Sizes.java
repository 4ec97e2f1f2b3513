package io.nfsdirect.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Byte sizes as people type them: {@code 1048576}, {@code 64k}, {@code 1m}, {@code 4G},
 * {@code 256MiB}. Suffixes are binary (k = 1024), as in dd, mount options and the kernel's
 * rsize/wsize; upper or lower case, optionally followed by {@code B} or {@code iB}.
 */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmgt])(?:i?b)?|b)?");
    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a size or does not fit a long
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no size given");
        }
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 4096, 64k, 1m, 4g)");
        }
        int shift = m.group(2) == null ? 0 : 10 * ("kmgt".indexOf(m.group(2).charAt(0)) + 1);
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw tooLarge(text);
        }
        if (shift > 0 && value > (Long.MAX_VALUE >> shift)) {
            throw tooLarge(text);
        }
        return value << shift;
    }

    /** A size for people: {@code 512 bytes}, {@code 64 KiB}, {@code 1.5 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + UNITS[unit];
    }

    private static IllegalArgumentException tooLarge(String text) {
        return new IllegalArgumentException("size '" + text + "' is too large");
    }

    /** For {@code long} size options. */
    public static final class Converter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** For {@code int} size options (transfer sizes); at most 2 GiB - 1. */
    public static final class IntConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long size = new Converter().convert(value);
            if (size > Integer.MAX_VALUE) {
                throw new CommandLine.TypeConversionException("size '" + value + "' is too large (at most 2g - 1)");
            }
            return (int) size;
        }
    }
}
