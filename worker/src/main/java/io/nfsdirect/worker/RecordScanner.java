package io.nfsdirect.worker;

import org.glassfish.grizzly.Buffer;

/**
 * Follows RPC record marking (RFC 5531 section 11) over the bytes of one connection as they
 * arrive, to bound the size of a reply record before it is buffered.
 *
 * <p>oncrpc4j 3.4.2's {@code RpcMessageParserTCP} takes the fragment length from the marker and
 * waits, keeping everything received, until that many bytes (up to 2^31 - 1 per fragment, with
 * no limit on the number of fragments) have arrived (dCache/oncrpc4j#119); Grizzly appends to the
 * kept buffer without a cap either. A broken or hostile server could therefore make one
 * connection hold gigabytes. This scanner sees every byte before the parser does, adds up
 * markers and fragment lengths per record, and reports the record as soon as its announced size
 * passes the limit, before its body is read.
 *
 * <p>Used only from the selector thread that serves the connection, so it needs no locking.
 */
final class RecordScanner {

    private static final int LAST_FRAGMENT = 0x80000000;
    private static final int SIZE_MASK = 0x7fffffff;

    private final long maxRecordSize;
    private int markerBytes;
    private int marker;
    private long fragmentLeft;
    private boolean lastFragment;
    private long recordSize;

    RecordScanner(long maxRecordSize) {
        this.maxRecordSize = maxRecordSize;
    }

    long maxRecordSize() {
        return maxRecordSize;
    }

    /**
     * Accounts for the readable bytes of the buffer without moving its position.
     *
     * @return -1 if every record so far fits, else the announced size of the record that does not
     */
    long scan(Buffer buffer) {
        int pos = buffer.position();
        int limit = buffer.limit();
        while (pos < limit) {
            if (fragmentLeft > 0) {
                int skip = (int) Math.min(fragmentLeft, limit - pos);
                pos += skip;
                fragmentLeft -= skip;
                if (fragmentLeft == 0 && lastFragment) {
                    recordSize = 0;
                }
                continue;
            }
            marker = (marker << 8) | (buffer.get(pos++) & 0xff);
            if (++markerBytes < 4) {
                continue;
            }
            lastFragment = (marker & LAST_FRAGMENT) != 0;
            fragmentLeft = marker & SIZE_MASK;
            markerBytes = 0;
            marker = 0;
            // Markers count too, so endless empty fragments are bounded as well.
            recordSize += 4 + fragmentLeft;
            if (recordSize > maxRecordSize) {
                return recordSize;
            }
            if (fragmentLeft == 0 && lastFragment) {
                recordSize = 0;
            }
        }
        return -1;
    }
}
