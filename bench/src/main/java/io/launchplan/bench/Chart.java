package io.launchplan.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The PNG next to the JSON, drawn with Java2D: latency bars per analysis interval (p50 bar, p95
 * whisker) on the left, capacity curves against the number of plans on the right.
 */
final class Chart {
  private static final int W = 1400;
  private static final int H = 660;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};

  private Chart() {}

  @SuppressWarnings("unchecked")
  static void write(Map<String, Object> report, Path png) throws IOException {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("launchplan-operator bench " + report.get("timestamp"), 20, 26);
    latency(g, (List<Map<String, Object>>) report.get("latency"), 20, 50, 640, 580);
    capacity(g, (List<Map<String, Object>>) report.get("capacity"), 700, 50, 680, 580);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void latency(Graphics2D g, List<Map<String, Object>> latency, int x, int y, int w, int h) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString("Detect-to-revert (s): bar = p50, whisker = p95", x, y + 12);
    if (latency == null || latency.isEmpty()) {
      g.drawString("(not run)", x + 20, y + 60);
      return;
    }
    String[] series = {"source_to_firing", "firing_to_deleted", "operator_share"};
    String[] names = {"(a) source -> firing", "(b) firing -> canary deleted", "operator share (tick -> deleted)"};
    double max = 0.1;
    for (var l : latency) {
      for (String s : series) {
        max = Math.max(max, num(l.get(s + "_p95_s")));
      }
    }
    max = niceCeil(max * 1.1);
    int left = x + 45;
    int top = y + 50;
    int bottom = y + h - 40;
    int right = x + w - 10;
    axes(g, left, top, right, bottom, max, 5);
    int groups = latency.size();
    double groupW = (right - left) / (double) groups;
    double barW = groupW / (series.length + 1.5);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i < groups; i++) {
      var l = latency.get(i);
      double gx = left + i * groupW + barW * 0.75;
      for (int s = 0; s < series.length; s++) {
        double p50 = num(l.get(series[s] + "_p50_s"));
        double p95 = num(l.get(series[s] + "_p95_s"));
        int bx = (int) (gx + s * barW);
        int by = yOf(p50, max, top, bottom);
        g.setColor(COLORS[s]);
        g.fillRect(bx, by, (int) barW - 4, bottom - by);
        g.setColor(Color.BLACK);
        int wy = yOf(p95, max, top, bottom);
        int cx = bx + (int) (barW - 4) / 2;
        g.drawLine(cx, by, cx, wy);
        g.drawLine(cx - 5, wy, cx + 5, wy);
        g.drawString(fmt(p95), bx, wy - 4);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      g.drawString("interval " + l.get("interval_s") + " s", (int) (left + i * groupW + groupW / 2 - 35), bottom + 18);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
    legend(g, names, left + 10, top - 26, 3);
  }

  private static void capacity(Graphics2D g, List<Map<String, Object>> capacity, int x, int y, int w, int h) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString("Capacity (10 s interval, 2 queries per plan) against the number of plans", x, y + 12);
    if (capacity == null || capacity.isEmpty()) {
      g.drawString("(not run)", x + 20, y + 60);
      return;
    }
    int cw = w / 2;
    int ch = (h - 20) / 2;
    mini(g, capacity, x, y + 20, cw, ch, "analysis tick lag (s)", new String[] {"tick_lag_p50_s", "tick_lag_p99_s"},
        new String[] {"p50", "p99"});
    mini(g, capacity, x + cw, y + 20, cw, ch, "CPU cores", new String[] {"cpu_cores", "machine_busy_cores"},
        new String[] {"operator", "whole machine"});
    mini(g, capacity, x, y + 20 + ch, cw, ch, "operator memory (MB)", new String[] {"rss_mb", "rss_peak_mb", "heap_mb",
        "heap_live_mb"}, new String[] {"RSS", "RSS peak", "heap used", "heap live (after GC)"});
    mini(g, capacity, x + cw, y + 20 + ch, cw, ch, "API server requests / min",
        new String[] {"operator_api_requests_per_min", "api_requests_per_min"}, new String[] {"operator", "all clients (shared)"});
  }

  private static void mini(Graphics2D g, List<Map<String, Object>> points, int x, int y, int w, int h, String title,
      String[] keys, String[] names) {
    int left = x + 55;
    int right = x + w - 20;
    int top = y + 45;
    int bottom = y + h - 35;
    double xmax = 0;
    double ymax = 0;
    for (var p : points) {
      xmax = Math.max(xmax, num(p.get("plans")));
      for (String k : keys) {
        ymax = Math.max(ymax, num(p.get(k)));
      }
    }
    xmax = niceCeil(xmax * 1.05);
    ymax = niceCeil(Math.max(ymax * 1.15, 1e-3));
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    g.drawString(title, x + 10, y + 14);
    axes(g, left, top, right, bottom, ymax, 4);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    for (int i = 0; i <= 4; i++) {
      double v = xmax * i / 4;
      int px = left + (int) ((right - left) * v / xmax);
      g.setColor(Color.BLACK);
      g.drawString(fmt(v), px - 8, bottom + 14);
    }
    g.drawString("plans", right - 30, bottom + 26);
    for (int k = 0; k < keys.length; k++) {
      List<int[]> pts = new ArrayList<>();
      for (var p : points) {
        Object v = p.get(keys[k]);
        if (v == null) {
          continue;
        }
        pts.add(new int[] {left + (int) ((right - left) * num(p.get("plans")) / xmax), yOf(num(v), ymax, top, bottom)});
      }
      g.setColor(COLORS[k]);
      g.setStroke(new BasicStroke(2f));
      for (int i = 0; i < pts.size(); i++) {
        g.fillOval(pts.get(i)[0] - 4, pts.get(i)[1] - 4, 8, 8);
        if (i > 0) {
          g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], pts.get(i)[0], pts.get(i)[1]);
        }
      }
      g.setStroke(new BasicStroke(1f));
    }
    legend(g, names, left + 5, y + 22, keys.length);
  }

  private static void axes(Graphics2D g, int left, int top, int right, int bottom, double max, int ticks) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    for (int i = 0; i <= ticks; i++) {
      double v = max * i / ticks;
      int py = yOf(v, max, top, bottom);
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(left, py, right, py);
      g.setColor(Color.BLACK);
      g.drawString(fmt(v), left - 40, py + 4);
    }
    g.setColor(Color.BLACK);
    g.drawLine(left, top, left, bottom);
    g.drawLine(left, bottom, right, bottom);
  }

  private static void legend(Graphics2D g, String[] names, int x, int y, int n) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int cx = x;
    for (int i = 0; i < n; i++) {
      g.setColor(COLORS[i]);
      g.fillRect(cx, y, 12, 10);
      g.setColor(Color.BLACK);
      g.drawString(names[i], cx + 16, y + 10);
      cx += 24 + g.getFontMetrics().stringWidth(names[i]);
    }
  }

  private static int yOf(double v, double max, int top, int bottom) {
    return bottom - (int) Math.round((bottom - top) * Math.max(0, Math.min(v, max)) / max);
  }

  private static double num(Object v) {
    return v instanceof Number n ? n.doubleValue() : 0;
  }

  /** A round axis maximum (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), at least {@code v}. */
  static double niceCeil(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String fmt(double v) {
    if (v == 0) {
      return "0";
    }
    if (Math.abs(v) >= 100) {
      return String.format("%.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format("%.1f", v);
    }
    return String.format("%.2f", v);
  }
}
