package org.qinglang.report;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts as inline SVG, drawn here rather than by ECharts in a browser so that
 * the HTML and the PDF show the same picture and the PDF needs no JavaScript engine.
 */
final class Svg {
  private Svg() {}

  private static final String[] COLOURS = {"#c0392b", "#2f6db5", "#7a9a3a", "#d08a1a"};
  private static final int WIDTH = 640;
  private static final int LABEL = 190;
  private static final int ROW = 16;

  static String bars(Report.Chart c) {
    int n = c.labels().size();
    int groups = c.series().size();
    int legend = groups > 1 ? 18 : 0;
    int height = legend + Math.max(1, n) * (ROW * groups + 6) + 4;
    double max = 0;
    for (Report.Series s : c.series()) {
      for (Double v : s.values()) {
        max = Math.max(max, v == null ? 0 : v);
      }
    }
    double scale = max == 0 ? 0 : (WIDTH - LABEL - 60) / max;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">");
    if (groups > 1) {
      for (int g = 0; g < groups; g++) {
        int x = LABEL + g * 140;
        sb.append(rect(x, 3, 10, 10, COLOURS[g % COLOURS.length]));
        sb.append(text(x + 14, 12, c.series().get(g).name(), "start"));
      }
    }
    int y = legend;
    for (int i = 0; i < n; i++) {
      sb.append(text(LABEL - 6, y + ROW * groups / 2.0 + 4, clip(c.labels().get(i)), "end"));
      for (int g = 0; g < groups; g++) {
        Double v = c.series().get(g).values().get(i);
        double val = v == null ? 0 : v;
        double w = Math.max(val > 0 ? 1 : 0, val * scale);
        sb.append(rect(LABEL, y + g * ROW + 2, w, ROW - 3, COLOURS[g % COLOURS.length]));
        sb.append(text(LABEL + w + 4, y + g * ROW + ROW - 4, Html.number(v), "start"));
      }
      y += ROW * groups + 6;
    }
    sb.append("</svg>");
    return sb.toString();
  }

  private static String clip(String s) {
    return s.length() > 30 ? s.substring(0, 29) + "…" : s;
  }

  private static String rect(double x, double y, double w, double h, String fill) {
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
        x, y, w, h, fill);
  }

  private static String text(double x, double y, String s, String anchor) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        x, y, anchor, Html.esc(s));
  }
}
