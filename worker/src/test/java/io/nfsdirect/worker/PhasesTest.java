package io.nfsdirect.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhasesTest {

    @Test
    void theLaunchersClockIsReadToTheMicrosecond() {
        assertEquals(1_764_620_000_123_456_000L, Phases.epochNanos("1764620000.123456"));
        // Some locales print $EPOCHREALTIME with a decimal comma.
        assertEquals(1_764_620_000_500_000_000L, Phases.epochNanos("1764620000,5"));
    }

    @Test
    void aMissingOrBadClockIsNone() {
        assertEquals(Long.MIN_VALUE, Phases.epochNanos(null));
        assertEquals(Long.MIN_VALUE, Phases.epochNanos(""));
        assertEquals(Long.MIN_VALUE, Phases.epochNanos("soon"));
    }
}
