package io.nfsdirect.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The sweep plot, written by hand as SVG: one panel per rsize, throughput (y) against window (x,
 * evenly spaced), one line per connection count, with peers drawn as dashed reference lines.
 */
public final class Svg {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int PANEL_W = 300;
    private static final int PANEL_H = 260;
    private static final int LEFT = 60;
    private static final int TOP = 50;
    private static final int GAP = 30;

    private Svg() {
    }

    /**
     * @param points     median MB/s per grid point
     * @param references label to MB/s, drawn across every panel
     */
    public static String plot(String title, Map<Sweeps.Point, Double> points, Map<String, Double> references) {
        TreeSet<Integer> rsizes = new TreeSet<>();
        TreeSet<Integer> windows = new TreeSet<>();
        TreeSet<Integer> conns = new TreeSet<>();
        double max = 1;
        for (Map.Entry<Sweeps.Point, Double> e : points.entrySet()) {
            rsizes.add(e.getKey().rsize());
            windows.add(e.getKey().window());
            conns.add(e.getKey().connections());
            max = Math.max(max, e.getValue());
        }
        for (double r : references.values()) {
            if (!Double.isNaN(r)) {
                max = Math.max(max, r);
            }
        }
        double yMax = niceCeiling(max * 1.08);
        int panels = Math.max(1, rsizes.size());
        int width = Math.max(720, LEFT + panels * PANEL_W + (panels - 1) * GAP + 140);
        int height = TOP + PANEL_H + 80;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, esc(title)));
        List<Integer> ws = new ArrayList<>(windows);
        int panel = 0;
        for (int rsize : rsizes) {
            int x0 = LEFT + panel * (PANEL_W + GAP);
            axes(s, x0, yMax, ws, "rsize " + size(rsize), panel == 0);
            int ci = 0;
            for (int c : conns) {
                String color = COLORS[ci++ % COLORS.length];
                StringBuilder path = new StringBuilder();
                for (int i = 0; i < ws.size(); i++) {
                    Double v = points.get(new Sweeps.Point(ws.get(i), c, rsize));
                    if (v == null) {
                        continue;
                    }
                    double x = xAt(x0, i, ws.size());
                    double y = yAt(v, yMax);
                    path.append(path.length() == 0 ? "M" : " L").append(fmt(x)).append(' ').append(fmt(y));
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\">"
                            + "<title>window %d, %d conn, %s: %.0f MB/s</title></circle>%n",
                            fmt(x), fmt(y), color, ws.get(i), c, size(rsize), v));
                }
                if (path.length() > 0) {
                    s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                            path, color));
                }
            }
            for (Map.Entry<String, Double> r : references.entrySet()) {
                if (Double.isNaN(r.getValue()) || r.getValue() > yMax) {
                    continue;
                }
                double y = yAt(r.getValue(), yMax);
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#555\" "
                        + "stroke-dasharray=\"5,4\"/>%n", x0, fmt(y), x0 + PANEL_W, fmt(y)));
                if (panel == panels - 1) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%s\" fill=\"#555\">%s</text>%n",
                            x0 + PANEL_W + 6, fmt(y + 4), esc(r.getKey())));
                }
            }
            panel++;
        }
        // The legend runs along the bottom; the right margin is for the reference lines' labels.
        int lx = LEFT;
        int ci = 0;
        int ly = TOP + PANEL_H + 58;
        for (int c : conns) {
            String color = COLORS[ci++ % COLORS.length];
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%d connection%s</text>%n",
                    lx, ly, lx + 22, ly, color, lx + 28, ly + 4, c, c == 1 ? "" : "s"));
            lx += 130;
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\" "
                + "stroke-dasharray=\"5,4\"/><text x=\"%d\" y=\"%d\">peer, same run</text>%n",
                lx, ly, lx + 22, ly, lx + 28, ly + 4));
        s.append("</svg>\n");
        return s.toString();
    }

    private static void axes(StringBuilder s, int x0, double yMax, List<Integer> ws, String caption, boolean yLabels) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", x0, TOP, PANEL_W, PANEL_H));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n",
                x0 + PANEL_W / 2, TOP - 8, esc(caption)));
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double y = yAt(v, yMax);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#eee\"/>%n",
                    x0, fmt(y), x0 + PANEL_W, fmt(y)));
            if (yLabels) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%s\" text-anchor=\"end\">%.0f</text>%n",
                        x0 - 6, fmt(y + 4), v));
            }
        }
        for (int i = 0; i < ws.size(); i++) {
            s.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    fmt(xAt(x0, i, ws.size())), TOP + PANEL_H + 16, ws.get(i)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">window (chunks in flight)</text>%n",
                x0 + PANEL_W / 2, TOP + PANEL_H + 34));
        if (yLabels) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\" "
                    + "text-anchor=\"middle\">MB/s</text>%n", 14, TOP + PANEL_H / 2, 14, TOP + PANEL_H / 2));
        }
    }

    private static double xAt(int x0, int i, int n) {
        return x0 + (i + 0.5) * PANEL_W / n;
    }

    private static double yAt(double v, double yMax) {
        return TOP + PANEL_H - v / yMax * PANEL_H;
    }

    /** The first round number (a few steps per power of ten) at or above {@code v}, for the axis. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String size(int bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
