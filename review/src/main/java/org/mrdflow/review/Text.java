package org.mrdflow.review;

import java.util.Locale;

/** Formatting shared by the HTML pages and messages. */
final class Text {
  private Text() {}

  /** HTML-escapes untrusted text (FCS keywords, file names, reasons) for element content and quoted attributes. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A user's value quoted back in an error message: at most 40 characters. */
  static String shorten(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }

  /** A fraction as a percentage with 3 significant digits: 9.19e-03 -> "0.919 %". */
  static String percent(Double fraction) {
    if (fraction == null) {
      return "";
    }
    double p = 100 * fraction;
    if (p == 0) {
      return "0 %";
    }
    int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(p))));
    return String.format(Locale.ROOT, "%." + Math.min(digits, 6) + "f %%", p);
  }

  static String count(Long n) {
    return n == null ? "" : String.format(Locale.ROOT, "%,d", n);
  }

  static String yesNo(Boolean b) {
    return b == null ? "n/a" : b ? "yes" : "no";
  }
}
