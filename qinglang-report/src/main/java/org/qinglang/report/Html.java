package org.qinglang.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * report.html: the same tree as report.json, laid out for people, with the charts inline.
 * Written as well-formed XHTML because the PDF renderer parses it as XML.
 */
final class Html {
  private Html() {}

  /** Font family the PDF registers its embedded CJK font under; browsers fall back to theirs. */
  static final String PDF_FONT = "QL CJK";

  private static final int IDS_SHOWN = 6;
  private static final int WIDE = 8;

  static String render(Report r) {
    Map<String, Object> j = r.json();
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\"><head>")
        .append("<meta charset=\"UTF-8\"/><title>").append(esc(r.title())).append("</title><style>")
        .append("@page { size: A4; margin: 14mm }")
        .append("body { font-family: '").append(PDF_FONT).append("', 'Noto Sans CJK SC', ")
        .append("'WenQuanYi Micro Hei', sans-serif; font-size: 10pt; color: #222; margin: 0 auto; max-width: 900px }")
        .append("h1 { font-size: 17pt } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 18pt }")
        .append("h3 { font-size: 11pt; margin: 10pt 0 4pt } h4 { font-size: 10pt; margin: 8pt 0 3pt }")
        .append("table { border-collapse: collapse; width: 100%; margin: 3pt 0 }")
        .append("td, th { border: 1px solid #ccc; padding: 2pt 4pt; vertical-align: top; text-align: left; word-wrap: break-word }")
        .append("th { background: #f0f0f0 } td.n { text-align: right } .meta { color: #555; font-size: 9pt; word-wrap: break-word }")
        .append(".na { color: #a33 } .def { color: #555; font-size: 8.5pt }")
        .append("</style></head><body>\n");
    sb.append("<h1>").append(esc(r.title())).append("</h1>\n");
    Map<?, ?> scope = (Map<?, ?>) j.get("scope");
    Map<?, ?> inputs = (Map<?, ?>) j.get("inputs");
    sb.append("<p class=\"meta\">期间 Period: ").append(esc(scope.get("from"))).append(" — ")
        .append(esc(scope.get("to")));
    for (String k : List.of("platform", "anchor", "mcn")) {
      if (scope.get(k) != null) {
        sb.append(" · ").append(k).append(": ").append(esc(scope.get(k)));
      }
    }
    sb.append("<br/>输入 Inputs SHA-256: ").append(esc(inputs.get("sha256")))
        .append("<br/>").append(esc(((Map<?, ?>) inputs.get("alerts")).get("file"))).append(": ")
        .append(esc(((Map<?, ?>) inputs.get("alerts")).get("sha256")))
        .append("<br/>").append(esc(((Map<?, ?>) inputs.get("events")).get("file"))).append(": ")
        .append(esc(((Map<?, ?>) inputs.get("events")).get("sha256")))
        .append("<br/>证据账本 Ledger: ").append(esc(((Map<?, ?>) j.get("ledger")).get("reason")))
        .append("</p>\n");
    if (!r.charts().isEmpty()) {
      sb.append("<h2>图表 Charts</h2>\n");
      for (Report.Chart c : r.charts()) {
        sb.append("<h4>").append(esc(c.title())).append(" (").append(esc(c.unit())).append(")</h4>\n");
        sb.append("<div>").append(Svg.bars(c)).append("</div>\n");
      }
    }
    sb.append("<h2>数据 Figures</h2>\n");
    map(sb, (Map<?, ?>) j.get("figures"), defs(j), 3);
    Map<?, ?> na = (Map<?, ?>) j.get("not_available");
    if (!na.isEmpty()) {
      sb.append("<h2>不可用 Not available</h2>\n<table>");
      na.forEach((k, v) -> sb.append("<tr><th>").append(esc(label(defs(j), k))).append("</th><td class=\"na\">")
          .append(esc(v)).append("</td></tr>"));
      sb.append("</table>\n");
    }
    sb.append("<h2>定义 Definitions</h2>\n<table><tr><th>指标 Figure</th><th>单位 Unit</th><th>定义 Definition</th></tr>");
    defs(j).forEach((k, d) -> {
      Defs.Def def = (Defs.Def) d;
      sb.append("<tr><td>").append(esc(def.zh())).append(" <code>").append(esc(k)).append("</code></td><td>")
          .append(esc(def.unit())).append("</td><td class=\"def\">").append(esc(def.definition())).append("</td></tr>");
    });
    sb.append("</table>\n</body></html>\n");
    return sb.toString();
  }

  private static Map<?, ?> defs(Map<String, Object> j) {
    return (Map<?, ?>) j.get("definitions");
  }

  private static String label(Map<?, ?> defs, Object key) {
    Object d = defs.get(key);
    return d instanceof Defs.Def def ? def.zh() + " " + key : String.valueOf(key);
  }

  /** Scalars as a two-column table, then each nested value under its own heading. */
  private static void map(StringBuilder sb, Map<?, ?> m, Map<?, ?> defs, int level) {
    List<Map.Entry<?, ?>> nested = new ArrayList<>();
    StringBuilder rows = new StringBuilder();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (isScalar(e.getValue()) || isIdList(e.getValue())) {
        rows.append("<tr><th>").append(esc(label(defs, e.getKey()))).append("</th><td>")
            .append(cell(e.getValue())).append("</td></tr>");
      } else {
        nested.add(e);
      }
    }
    if (rows.length() > 0) {
      sb.append("<table>").append(rows).append("</table>\n");
    }
    int h = Math.min(level, 4);
    for (Map.Entry<?, ?> e : nested) {
      sb.append("<h").append(h).append('>').append(esc(label(defs, e.getKey()))).append("</h").append(h).append(">\n");
      Object v = e.getValue();
      if (v instanceof Map<?, ?> sub) {
        map(sb, sub, defs, level + 1);
      } else if (v instanceof List<?> list) {
        rows(sb, list, defs);
      }
    }
  }

  private static void rows(StringBuilder sb, List<?> list, Map<?, ?> defs) {
    if (list.isEmpty()) {
      sb.append("<p>无 None</p>\n");
      return;
    }
    Set<Object> cols = new LinkedHashSet<>();
    for (Object o : list) {
      if (o instanceof Map<?, ?> m) {
        cols.addAll(m.keySet());
      }
    }
    if (cols.size() > WIDE) {
      // Too many columns for an A4 page: each row becomes its own two-column table.
      for (Object o : list) {
        sb.append("<table>");
        for (Object c : cols) {
          Object v = o instanceof Map<?, ?> m ? m.get(c) : o;
          sb.append("<tr><th style=\"width: 28%\">").append(esc(label(defs, c))).append("</th><td>")
              .append(cell(v)).append("</td></tr>");
        }
        sb.append("</table>\n");
      }
      return;
    }
    sb.append("<table><tr>");
    for (Object c : cols) {
      sb.append("<th>").append(esc(label(defs, c))).append("</th>");
    }
    sb.append("</tr>");
    for (Object o : list) {
      sb.append("<tr>");
      for (Object c : cols) {
        Object v = o instanceof Map<?, ?> m ? m.get(c) : o;
        sb.append(v instanceof Number ? "<td class=\"n\">" : "<td>").append(cell(v)).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</table>\n");
  }

  private static boolean isScalar(Object v) {
    return v == null || v instanceof Number || v instanceof String || v instanceof Boolean;
  }

  private static boolean isIdList(Object v) {
    return v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String);
  }

  private static String cell(Object v) {
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < Math.min(l.size(), IDS_SHOWN); i++) {
        sb.append(i > 0 ? ", " : "").append(esc(l.get(i)));
      }
      if (l.size() > IDS_SHOWN) {
        sb.append(" … (+").append(l.size() - IDS_SHOWN).append(", all in report.json)");
      }
      return l.isEmpty() ? "—" : sb.toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder();
      m.forEach((k, x) -> sb.append(sb.length() > 0 ? ", " : "").append(esc(k)).append(": ").append(cell(x)));
      return sb.toString();
    }
    if (v == null) {
      return "—";
    }
    return v instanceof Number n ? number(n.doubleValue()) : esc(v);
  }

  static String number(Double v) {
    if (v == null) {
      return "—";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", v.longValue());
    }
    return String.format(Locale.ROOT, "%,.4f", v).replaceAll("0+$", "");
  }

  static String esc(Object o) {
    String s = String.valueOf(o);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> {
          // XML 1.0 forbids most control characters; a stray one in a summary must not break the PDF.
          if (ch >= 0x20 || ch == '\n' || ch == '\t') {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }
}
