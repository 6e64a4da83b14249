package org.mrdflow.pipeline.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mrdflow.models.agreement.BlandAltman;
import org.mrdflow.models.agreement.Interval;
import org.mrdflow.models.agreement.MrdAgreement;

/**
 * The one-page validation report a medical director signs: agreement summary, scatter of log10
 * MRD (manual vs automated, identity line), Bland-Altman plot (bias and limits), the per-sample
 * MRD plot (both methods against the 1e-4 threshold) and the per-sample table. Plots are inline SVG, so the page is a single self-contained file.
 */
final class ComparisonHtml {
  private static final int SIZE = 360;
  private static final int PAD = 40;

  private ComparisonHtml() {}

  static void write(Path file, List<ComparisonRow> rows, MrdAgreement agreement)
      throws IOException {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MRD method "
        + "comparison</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:"
        + "collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
        + "svg{border:1px solid #ddd;margin-right:1em}</style></head><body>\n");
    html.append("<h1>MRD method comparison: manual (FlowJo) vs automated</h1>\n");
    long compared = rows.stream().filter(r -> r.error() == null).count();
    html.append(p("Samples: %d compared, %d could not be compared.", compared,
        rows.size() - compared));
    html.append("<h2>Categories at 1e-4</h2><table><tr><th>manual \\ automated</th>");
    agreement.categories().forEach(c -> html.append("<th>").append(c).append("</th>"));
    html.append("</tr>");
    for (int i = 0; i < 3; i++) {
      html.append("<tr><th>").append(agreement.categories().get(i)).append("</th>");
      for (int j = 0; j < 3; j++) {
        html.append("<td>").append(agreement.table()[i][j]).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</table>\n");
    if (agreement.kappa() != null) {
      html.append(p("Cohen's kappa %s", ci(agreement.kappa().interval())));
    }
    html.append(p("Positive percent agreement (at or above 1e-4) %s",
        ci(agreement.positiveAgreement())));
    html.append(p("Negative percent agreement %s", ci(agreement.negativeAgreement())));
    html.append(p("hCD19 CAR-T eligibility: %d of %d samples judged by both agree.",
        agreement.eligibilityAgreed(), agreement.eligibilityJudged()));
    html.append("<h2>log10 MRD (" + agreement.log10Pairs() + " samples detected by both)</h2>\n");
    BlandAltman ba = agreement.blandAltman();
    if (ba != null) {
      html.append(p("Bland-Altman: bias %s, limits of agreement %s and %s (log10 units).",
          ci(ba.bias()), ci(ba.lowerLimit()), ci(ba.upperLimit())));
      html.append(p("Passing-Bablok: slope %s, intercept %s.",
          ci(agreement.passingBablok().slope()), ci(agreement.passingBablok().intercept())));
      html.append(p("Deming: slope %s, intercept %s.", ci(agreement.deming().slope()),
          ci(agreement.deming().intercept())));
      html.append(scatter(rows)).append(blandAltman(rows, ba)).append("\n");
    }
    html.append("<h2>MRD per sample</h2>\n").append(perSample(rows)).append("\n");
    html.append("<h2>Per sample</h2><table><tr><th>sample</th><th>manual blasts</th>"
        + "<th>manual MRD</th><th>automated blasts</th><th>automated MRD</th><th>blast F1</th>"
        + "<th>denominator F1</th><th>CD19+ share manual</th><th>automated</th>"
        + "<th>eligible manual</th><th>automated</th><th>note</th></tr>\n");
    for (ComparisonRow r : rows) {
      html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%d</td>"
          + "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
          + "<td>%s</td></tr>%n", escape(r.sample()), r.manualBlastEvents(), sci(r.manualMrd()),
          r.automatedBlastEvents(), sci(r.automatedMrd()), fixed(r.blastF1()),
          fixed(r.denominatorF1()), fixed(r.manualCd19PosBlastFraction()),
          fixed(r.automatedCd19PosBlastFraction()), r.manualHcd19CarEligible(),
          r.automatedHcd19CarEligible(), escape(r.error() != null ? r.error()
          : r.importProblems() != null ? r.importProblems() : "")));
    }
    html.append("</table></body></html>\n");
    Files.writeString(file, html.toString(), StandardCharsets.UTF_8);
  }

  private static String scatter(List<ComparisonRow> rows) {
    List<double[]> points = logPairs(rows);
    double lo = points.stream().mapToDouble(p -> Math.min(p[0], p[1])).min().orElse(-6) - 0.2;
    double hi = points.stream().mapToDouble(p -> Math.max(p[0], p[1])).max().orElse(0) + 0.2;
    StringBuilder svg = svgStart("log10 MRD: manual (x) vs automated (y)");
    svg.append(line(x(lo, lo, hi), y(lo, lo, hi), x(hi, lo, hi), y(hi, lo, hi), "#999"));
    for (double[] p : points) {
      svg.append(dot(x(p[0], lo, hi), y(p[1], lo, hi)));
    }
    return svg.append(axisLabels(lo, hi, lo, hi)).append("</svg>").toString();
  }

  private static String blandAltman(List<ComparisonRow> rows, BlandAltman ba) {
    List<double[]> points = logPairs(rows);
    double xlo = points.stream().mapToDouble(p -> (p[0] + p[1]) / 2).min().orElse(-6) - 0.2;
    double xhi = points.stream().mapToDouble(p -> (p[0] + p[1]) / 2).max().orElse(0) + 0.2;
    double span = Math.max(Math.abs(ba.lowerLimit().estimate()),
        Math.abs(ba.upperLimit().estimate()));
    for (double[] p : points) {
      span = Math.max(span, Math.abs(p[1] - p[0]));
    }
    double ylo = -span * 1.2 - 0.05;
    double yhi = span * 1.2 + 0.05;
    StringBuilder svg = svgStart("Bland-Altman: mean (x) vs automated - manual (y), log10");
    for (double level : new double[] {ba.bias().estimate(), ba.lowerLimit().estimate(),
        ba.upperLimit().estimate()}) {
      double py = PAD + (SIZE - 2 * PAD) * (yhi - level) / (yhi - ylo);
      svg.append(line(PAD, py, SIZE - PAD, py, level == ba.bias().estimate() ? "#c00" : "#888"));
    }
    for (double[] p : points) {
      double px = x((p[0] + p[1]) / 2, xlo, xhi);
      double py = PAD + (SIZE - 2 * PAD) * (yhi - (p[1] - p[0])) / (yhi - ylo);
      svg.append(dot(px, py));
    }
    return svg.append(axisLabels(xlo, xhi, ylo, yhi)).append("</svg>").toString();
  }

  /**
   * One line per sample: manual (open circle) and automated (filled) MRD on a log10 axis from
   * 1e-6 to 1, the 1e-4 threshold dashed; a sample without blasts on one side sits at "0" left
   * of the axis, one that could not be compared is named with an x.
   */
  private static String perSample(List<ComparisonRow> rows) {
    int left = 150;
    int right = 20;
    int width = 560;
    int line = 16;
    int top = 36;
    int height = top + line * rows.size() + 30;
    double lo = -6;
    double hi = 0;
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3"
        + ".org/2000/svg\" width=\"%d\" height=\"%d\"><text x=\"4\" y=\"16\" font-size=\"12\">"
        + "MRD per sample: manual (open) and automated (filled), log10; dashed: 1e-4</text>",
        width, height));
    for (int decade = (int) lo; decade <= hi; decade++) {
      double px = logX(decade, lo, hi, left, width - right);
      svg.append(line(px, top - 6, px, height - 24, decade == -4 ? "#c00" : "#eee"));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
          + "text-anchor=\"middle\">1e%d</text>", px, height - 10, decade));
    }
    double zero = left - 12;
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
        + "text-anchor=\"middle\">0</text>", zero, height - 10));
    for (int i = 0; i < rows.size(); i++) {
      ComparisonRow r = rows.get(i);
      double py = top + line * i + line / 2.0;
      svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\" font-size=\"10\">%s"
          + "</text>", py + 3, escape(r.sample())));
      if (r.error() != null) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" "
            + "fill=\"#c00\">x not compared</text>", left, py + 3));
        continue;
      }
      double manual = mrdX(r.manualMrd(), zero, lo, hi, left, width - right);
      double automated = mrdX(r.automatedMrd(), zero, lo, hi, left, width - right);
      if (!Double.isNaN(manual) && !Double.isNaN(automated)) {
        svg.append(line(manual, py, automated, py, "#999"));
      }
      if (!Double.isNaN(manual)) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
            + "fill=\"none\" stroke=\"#333\"/>", manual, py));
      }
      if (!Double.isNaN(automated)) {
        svg.append(dot(automated, py));
      }
    }
    return svg.append("</svg>").toString();
  }

  /** An MRD fraction's x: log10 on the axis (clamped to it), 0 at {@code zero}, NaN if none. */
  private static double mrdX(double mrd, double zero, double lo, double hi, double from,
      double to) {
    if (Double.isNaN(mrd)) {
      return Double.NaN;
    }
    return mrd <= 0 ? zero
        : logX(Math.max(lo, Math.min(hi, Math.log10(mrd))), lo, hi, from, to);
  }

  private static double logX(double log10, double lo, double hi, double from, double to) {
    return from + (to - from) * (log10 - lo) / (hi - lo);
  }

  private static List<double[]> logPairs(List<ComparisonRow> rows) {
    return rows.stream().filter(r -> r.error() == null && r.manualMrd() > 0
        && r.automatedMrd() > 0).map(r -> new double[] {Math.log10(r.manualMrd()),
        Math.log10(r.automatedMrd())}).toList();
  }

  private static StringBuilder svgStart(String title) {
    return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/"
        + "svg\" width=\"%d\" height=\"%d\"><text x=\"%d\" y=\"16\" font-size=\"12\">%s</text>",
        SIZE, SIZE, PAD / 2, escape(title)));
  }

  private static String axisLabels(double xlo, double xhi, double ylo, double yhi) {
    return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%.1f</text>"
        + "<text x=\"%d\" y=\"%d\" font-size=\"10\">%.1f</text><text x=\"2\" y=\"%d\" "
        + "font-size=\"10\">%.1f</text><text x=\"2\" y=\"%d\" font-size=\"10\">%.1f</text>",
        PAD, SIZE - PAD + 14, xlo, SIZE - PAD - 20, SIZE - PAD + 14, xhi, SIZE - PAD, ylo,
        PAD + 4, yhi);
  }

  private static double x(double v, double lo, double hi) {
    return PAD + (SIZE - 2 * PAD) * (v - lo) / (hi - lo);
  }

  private static double y(double v, double lo, double hi) {
    return SIZE - PAD - (SIZE - 2 * PAD) * (v - lo) / (hi - lo);
  }

  private static String line(double x1, double y1, double x2, double y2, String color) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
        + "stroke=\"%s\"/>", x1, y1, x2, y2, color);
  }

  private static String dot(double x, double y) {
    return String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
        + "fill=\"#1f77b4\"/>", x, y);
  }

  /** An estimate with its interval; a bound too few pairs cannot give is "not estimable". */
  private static String ci(Interval i) {
    return String.format(Locale.ROOT, "%s (95%% CI %s to %s)", bound(i.estimate()),
        bound(i.lower()), bound(i.upper()));
  }

  private static String bound(double v) {
    return Double.isNaN(v) ? "not estimable" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String p(String format, Object... args) {
    return "<p>" + String.format(Locale.ROOT, format, args) + "</p>\n";
  }

  private static String sci(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2e", v);
  }

  private static String fixed(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
