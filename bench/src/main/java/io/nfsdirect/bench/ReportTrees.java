package io.nfsdirect.bench;

import java.util.Locale;

/** The tree section of results.md: its targets (issue 11), then its tables. */
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
        listingRows(s, f);
        s.append('\n');
        Report.readTable(s, "### Tree copy (bytes of the tree over the whole command)", f.treeCopies, "nfs-cp-xargs8",
                true);
        Report.readTable(s, "### Tree sum", f.treeSums, "nfs-cat-loop", true);
        Report.readTable(s, "### The big files alone", f.treeBig, "cli-cp-each-big", true);
        listingTable(s, f);
    }

    /**
     * Memory flat in the number of files: each command finishes under the heap bound with every
     * file listed or copied, and the larger listing's peak RSS is set against the smaller's.
     */
    private static void listingRows(StringBuilder s, Findings f) {
        if (f.listingFiles == null) {
            return;
        }
        int small = f.listingFiles[0];
        int large = f.listingFiles[1];
        for (String verb : new String[] {"sum-r", "cp-r"}) {
            Result mine = f.treeListing.get(verb + "-" + large);
            Result peer = f.treeListing.get(verb + "-" + small);
            String what = String.format(Locale.ROOT, "`%s` of %,d empty files under `%s`",
                    verb.equals("sum-r") ? "sum -r" : "cp -r", large, ListingMemory.HEAP);
            String target = String.format(Locale.ROOT, "finishes; RSS flat against %,d files", small);
            if (mine == null || peer == null || !mine.ok() || !peer.ok()) {
                String why = mine != null && !mine.ok() ? mine.failure() : peer != null && !peer.ok() ? peer.failure()
                        : "not run";
                s.append(String.format(Locale.ROOT, "| %s | the same, %,d files | %s | — | **missed** | %s |%n",
                        what, small, target, why));
                continue;
            }
            double ratio = mine.maxRssKiB() / (double) Math.max(1, peer.maxRssKiB());
            // Flat: ten times the files cost at most a quarter more resident memory.
            String verdict = ratio <= 1.25 ? "met" : "**missed**";
            s.append(String.format(Locale.ROOT, "| %s | the same, %,d files | %s | %d MiB vs %d MiB (%.2f×) | %s | %s |%n",
                    what, small, target, mine.maxRssKiB() / 1024, peer.maxRssKiB() / 1024, ratio, verdict,
                    "see the listing table"));
        }
    }

    private static void listingTable(StringBuilder s, Findings f) {
        if (f.treeListing.isEmpty()) {
            return;
        }
        s.append("### Listing memory (empty files, whole processes, `").append(ListingMemory.HEAP).append("`)\n\n");
        s.append("| run | seconds | peak RSS |\n|---|---|---|\n");
        for (Result r : f.treeListing.values()) {
            s.append(r.ok() ? String.format(Locale.ROOT, "| %s | %.1f | %d MiB |%n", r.label(), r.medianSeconds(),
                    r.maxRssKiB() / 1024) : String.format(Locale.ROOT, "| %s | failed: %s | — |%n", r.label(), r.failure()));
        }
        s.append('\n');
    }
}
