package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrefixAccountingTest {

    private static final int C = 100;

    @Test
    void fullChunksInAnyOrderAddUpToTheLength() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(1000, 3 * C + 5);
        acc.done(1000 + 3 * C, 5, false);
        acc.done(1000 + C, C, false);
        acc.done(1000, C, false);
        acc.done(1000 + 2 * C, C, false);
        assertEquals(3 * C + 5, acc.bytes());
        assertNull(acc.error());
    }

    @Test
    void aHoleLeftByAnErrorCutsThePrefixEvenIfLaterChunksSucceeded() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(0, 4 * C);
        acc.done(3 * C, C, false);
        acc.done(2 * C, C, false);
        acc.failed(C, "EIO at 100");
        acc.done(0, C, false);
        assertEquals(C, acc.bytes(), "bytes after the hole are not contiguous");
        assertEquals("EIO at 100", acc.error());
        assertEquals(C, acc.errorOffset());
    }

    @Test
    void theFirstErrorInFileOrderWinsWhateverOrderTheyArrive() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(0, 4 * C);
        acc.failed(3 * C, "late chunk error");
        acc.failed(C + 10, "early chunk error");
        acc.failed(2 * C, "middle chunk error");
        assertEquals("early chunk error", acc.error());
        assertEquals(C + 10, acc.bytes());
    }

    @Test
    void eofInTheMiddleOfTheWindowTrimsTheCountAndHidesErrorsBeyondIt() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(0, 4 * C);
        acc.failed(3 * C, "ESTALE past eof");
        acc.done(2 * C, 0, true);
        acc.done(C, 40, true);
        acc.done(0, C, false);
        assertEquals(C + 40, acc.bytes());
        assertNull(acc.error(), "an error past EOF concerns bytes the file does not have");
        assertTrue(acc.endedBefore(2 * C));
        assertFalse(acc.endedBefore(C));
    }

    @Test
    void anErrorBeforeEofIsKeptAndBytesStillWin() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(0, 4 * C);
        acc.done(0, C, false);
        acc.failed(C + 5, "EIO");
        acc.done(2 * C, 10, true);
        assertEquals(C + 5, acc.bytes());
        assertEquals("EIO", acc.error());
    }

    @Test
    void anErrorInTheFirstChunkLeavesZeroBytes() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(500, 4 * C);
        acc.done(500 + C, C, false);
        acc.failed(500, "EACCES");
        assertEquals(0, acc.bytes());
        assertEquals(500, acc.errorOffset());
    }

    @Test
    void cutWithoutCauseTrimsSilently() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(0, 4 * C);
        acc.done(0, C, false);
        acc.done(C, C, false);
        acc.cut(2 * C, null);
        assertEquals(2 * C, acc.bytes());
        assertNull(acc.error());
    }

    @Test
    void cutWithCauseIsAnError() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(0, 4 * C);
        acc.done(0, C, false);
        acc.cut(C, "ECANCELED");
        acc.done(C, C, false);
        assertEquals(C, acc.bytes());
        assertEquals("ECANCELED", acc.error());
    }

    @Test
    void aCutAfterAnErrorCutsTheCountButKeepsTheFirstError() {
        PrefixAccounting<String> acc = new PrefixAccounting<>(0, 4 * C);
        acc.done(0, C, false);
        acc.failed(3 * C, "EIO at 3C");
        acc.done(C, C, false);
        acc.cut(C, "ECONNREFUSED at C");
        assertEquals(C, acc.bytes(), "cut back to the first unstable byte");
        assertEquals("EIO at 3C", acc.error(), "the first error stays");
        assertEquals(3 * C, acc.errorOffset());
    }
}
