package io.nfsdirect.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The benchmark's pure helpers; the benchmark itself never runs in the build. */
class HelpersTest {

    @Test
    void aTcRateIsItsLineRateInDecimalMegabytes() {
        assertEquals(50.0, ReportHosts.linkMegabytes("400mbit"), 1e-9);
        assertEquals(500.0, ReportHosts.linkMegabytes("4gbit"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ReportHosts.linkMegabytes("400mbps"));
    }

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
        assertTrue(md.contains("| warm actor path, 1 node, 256 MiB read | nfs-cat | ≥ 1.3× | 2.00× (2000 vs 1000 MB/s) "
                + "| met | |"), md);
        assertTrue(md.contains("| client CPU per GiB read, warm | libnfs (nfs-cat) | ≤ 1.5× | 3.00× (0.32 vs 0.11 s/GiB) "
                + "| **missed** by 100% (3.00, allowed ≤ 1.50) | CPU bound on "), md);
        assertTrue(md.contains("| actor cost of a 4 KiB read, p50 | Nfs3Client alone | ≤ 50 µs | 600 µs (700 vs 100 µs) "
                + "| **missed** by 1100% (600.00, allowed ≤ 50.00) | Small reads; "), md);
        assertTrue(md.contains("| `nfsdirect read URL -o /dev/null`, 256 MiB, whole process | nfs-cat | ≥ 1.2× "
                + "| not measured | not run | |"), md);
        assertTrue(md.contains("account for ~300 µs; the remaining ~300 µs"), md);
        assertTrue(md.contains("this CLI does not mark its phases") || md.contains("### 1-byte file\n\nNot measured."),
                md);
    }

    @Test
    void phaseMarksAreParsedInOrderAndTabulatedByMedian() {
        String err = "nfsdirect: reading\nnfsdirect-phase main 120\nnfsdirect-phase node 300.5\n"
                + "  nfsdirect-phase transfer 350\nnfsdirect-phase transfer 360\nnfsdirect-phase exit 400\n";
        List<Startup.Mark> marks = Startup.parse(err);
        assertEquals(List.of("main", "node", "transfer", "transfer#2", "exit"),
                marks.stream().map(Startup.Mark::name).toList());
        assertEquals(300.5, marks.get(1).ms(), 1e-9);
        Startup.PhaseRuns runs = new Startup.PhaseRuns();
        runs.add(marks, 0.5);
        runs.add(Startup.parse("nfsdirect-phase main 100\nnfsdirect-phase mount 200\nnfsdirect-phase node 310\n"),
                0.7);
        runs.add(List.of(), 0.6);
        assertTrue(runs.marked());
        List<Startup.Row> rows = runs.rows();
        assertEquals(List.of("main", "mount", "node", "transfer", "transfer#2", "exit"),
                rows.stream().map(Startup.Row::name).toList());
        assertEquals(110, rows.get(0).medianMs(), 1e-9);
        assertEquals(1, rows.get(1).runs());
        assertEquals(600, runs.medianWallMs(), 1e-9);
        assertTrue(Startup.parse("no marks here\n").isEmpty());
        Findings f = new Findings();
        f.plan = Plan.quickRun();
        f.tinyPhases.add(marks, 0.5);
        String md = Report.markdown(f);
        assertTrue(md.contains("| transfer#2 | 360 | +10 |"), md);
        assertTrue(md.contains("| **process exit** (wall, fork to exit) | 500 | +100 |"), md);
    }

    @Test
    void classLoadSourcesAndJavaHomeAreRead() {
        Startup.ClassLoads c = Startup.ClassLoads.count(List.of(
                "[0.010s][info][class,load] java.lang.Object source: shared objects file",
                "[0.011s][info][class,load] a.B source: shared objects file (top)",
                "[0.012s][info][class,load] java.util.X source: jrt:/java.base",
                "[0.013s][info][class,load] io.nfsdirect.cli.Main source: file:/x/nfsdirect.jar",
                "[0.013s][info][class,load] picocli.CommandLine source: file:/x/nfsdirect.jar",
                "[0.013s][info][class,load] picocli.CommandLine$Help source: file:/x/nfsdirect.jar",
                "[0.014s][info][class,load] a.B$$Lambda$1/0x1 source: a.B",
                "unrelated"));
        assertEquals(new Startup.ClassLoads(7, 2, 1, 3, 1, java.util.Map.of("io.nfsdirect", 1, "picocli", 2)), c);
        assertEquals("picocli 2, io.nfsdirect 1", c.largestJarPackages(3));
        assertEquals("/usr/lib/jvm/j17", Startup.javaHome("Property settings:\n    java.home = /usr/lib/jvm/j17\n"));
    }
}
