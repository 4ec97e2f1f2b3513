package io.nfsdirect.bench;

/** The tree section of results.md: its targets (issue 11), then its three tables. */
final class ReportTrees {

    private ReportTrees() {
    }

    static void section(StringBuilder s, Findings f) {
        if (f.treeCopies.isEmpty() && f.treeSums.isEmpty()) {
            return;
        }
        s.append("## Trees (issue 11): ").append(f.treeShape).append("\n\n");
        if (f.plan.quick()) {
            s.append("The issue's tree is 20,000 small files, 200 of 1–16 MiB and 4 of 1 GiB; this quick run's is "
                    + "smaller, so start-up weighs more.\n\n");
        }
        s.append("| what | peer (same run) | target | measured | verdict | why |\n|---|---|---|---|---|---|\n");
        Report.atLeast(s, "`cp -r` Ganesha → embedded, whole process", "`nfs-cp` per file, `xargs -P 8`", 5.0,
                f.treeCopies.get("cli-cp-r"), f.treeCopies.get("nfs-cp-xargs8"), "see the copy table");
        Report.atLeast(s, "`sum -r`, whole process", "`nfs-cat \\| sha256sum` per file", 5.0,
                f.treeSums.get("cli-sum-r"), f.treeSums.get("nfs-cat-loop"), "see the sum table");
        // "As fast as the single-file path": within 5 %, the spread of one run on this machine.
        Report.atLeast(s, "`cp -r` of the big files alone", "one `nfsdirect cp` per file", 0.95,
                f.treeBig.get("cli-cp-r-big"), f.treeBig.get("cli-cp-each-big"), "see the big-file table");
        s.append('\n');
        Report.readTable(s, "### Tree copy (bytes of the tree over the whole command)", f.treeCopies, "nfs-cp-xargs8",
                true);
        Report.readTable(s, "### Tree sum", f.treeSums, "nfs-cat-loop", true);
        Report.readTable(s, "### The big files alone", f.treeBig, "cli-cp-each-big", true);
    }
}
