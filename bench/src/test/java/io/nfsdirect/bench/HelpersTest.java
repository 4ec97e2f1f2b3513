package io.nfsdirect.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The benchmark's pure helpers; the benchmark itself never runs in the build. */
class HelpersTest {

    @Test
    void medianAndPercentilesInterpolateBetweenRanks() {
        Stats s = Stats.of(4, 1, 3, 2);
        assertEquals(2.5, s.median(), 1e-9);
        assertEquals(1, s.min());
        assertEquals(4, s.max());
        assertEquals(3.97, s.percentile(99), 1e-9);
        assertEquals(7, Stats.of(7).percentile(99));
    }

    @Test
    void samplesConvertToDecimalMegabytesAndCpuPerGibibyte() {
        Sample s = new Sample(2L << 30, 2.0, 1.0, 0.25, Double.NaN, 0, 1L << 30);
        assertEquals(1073.741824, s.mbPerSecond(), 1e-6);
        assertEquals(0.5, s.cpuPerGiB(), 1e-9);
        assertEquals(0.5, s.allocatedPerByte(), 1e-9);
        assertEquals(0.25, s.sysShare(), 1e-9);
    }

    @Test
    void commandLinesAreQuotedForTheShell() {
        assertEquals("nfs-cat 'nfs://h/e/f?nfsport=1&mountport=2' plain", Timed.shellLine(
                List.of("nfs-cat", "nfs://h/e/f?nfsport=1&mountport=2", "plain")));
        assertEquals("'it'\\''s'", Timed.shellLine(List.of("it's")));
    }

    @Test
    void plotHasAPointPerGridEntryAndEscapesText() {
        Map<Sweeps.Point, Double> points = new LinkedHashMap<>();
        points.put(new Sweeps.Point(1, 1, 1 << 20), 100.0);
        points.put(new Sweeps.Point(4, 1, 1 << 20), 300.0);
        points.put(new Sweeps.Point(4, 2, 64 << 10), 250.0);
        String svg = Svg.plot("a < b", points, Map.of("libnfs", 200.0));
        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.contains("a &lt; b"));
        assertEquals(3, svg.split("<circle").length - 1);
        assertTrue(svg.contains("rsize 64 KiB") && svg.contains("rsize 1 MiB"));
        assertTrue(svg.contains(">libnfs</text>"));
        assertEquals(400, Svg.niceCeiling(324), 1e-9);
        assertEquals(3000, Svg.niceCeiling(2623), 1e-9);
    }

    @Test
    void tablesShowRatiosToThePeerAndListFailures() {
        Findings f = new Findings();
        f.plan = Plan.quickRun();
        Result libnfs = new Result("libnfs", "libnfs");
        libnfs.add(new Sample(1_000_000_000L, 1.0, 0.1, 0.05, 0.2, 4096, -1));
        Result direct = new Result("direct", "direct");
        direct.add(new Sample(1_000_000_000L, 0.5, 0.3, 0.1, 0.2, 8192, 2_000_000_000L));
        Result cluster = new Result("cluster", "cluster");
        cluster.fail("no seed");
        f.ganeshaReads.put("libnfs", libnfs);
        f.ganeshaReads.put("direct", direct);
        f.ganeshaReads.put("cluster", cluster);
        String table = Report.plainTable(f);
        assertTrue(table.contains("2000"), table);
        assertTrue(table.contains("2.00"), table);
        assertTrue(table.contains("cluster: not run: no seed"), table);
        f.latencyRaw = new Latency.Figures("alone", Stats.of(100, 100, 300), "1 READ", Map.of());
        f.latencyActors = new Latency.Figures("actors", Stats.of(700, 700, 900), "4 calls",
                Map.of("LOOKUP", 1.0, "ACCESS", 1.0, "FSINFO", 1.0, "READ", 1.0));
        String md = Report.markdown(f);
        assertTrue(md.contains("| read: nfs-direct (1 node) ≥ 1.5× libnfs nfs-cat | 2.00× | met |"), md);
        assertTrue(md.contains("| actor overhead on a 4 KiB read ≤ 50 µs at p50 | 600 µs | **missed** by 550 µs |"), md);
        assertTrue(md.contains("account for ~300 µs; the remaining ~300 µs"), md);
    }
}
