package org.mrdflow.pipeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.gating.report.SamplePdf;
import org.mrdflow.gating.report.SampleReport;
import org.mrdflow.pipeline.run.RunResult;

/**
 * The per-run HTML QC report: the run's summary and the thresholds, an overview table with one
 * row per sample, then one section per sample (anchor {@code #sample-<sample_id>}) with what
 * {@link SampleReport} shows: the call and its reason in words, MRD in %, counts, sensitivity,
 * CD19+ share and eligibility, B cells and aplasia, hematogones, the QC flags and failures in
 * words, and the gating plots embedded (base64 data URIs: the file works offline and when moved).
 * Self-contained (inline CSS, no scripts). Every text from a file or a manifest is escaped.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * @param rows outcome rows ({@code Tables.OUTCOME_SCHEMA}: the samples row and the mrd_results
   *     row, null for FAILED files), in display order
   * @param rules the reporting rules the run's calls were made with
   */
  public static void write(FileSystem fs, Path target, RunResult run, MrdRules rules,
      Iterator<Row> rows) throws IOException {
    // The overview needs every sample before the sections; reports without their plots are
    // small (the plots are read one sample at a time below).
    List<SampleReport> samples = new ArrayList<>();
    List<List<String>> plots = new ArrayList<>();
    while (rows.hasNext()) {
      Row outcome = rows.next();
      samples.add(ReportRows.sampleReport(outcome, run.runId(), rules, null));
      plots.add(ReportRows.plotPaths(outcome));
    }
    try (Writer w = new OutputStreamWriter(fs.create(target, true), StandardCharsets.UTF_8)) {
      w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>MRDFlow run "
          + esc(run.runId()) + "</title>\n<style>\n"
          + "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1600px}"
          + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;"
          + "text-align:left;vertical-align:top}th{background:#eee}.FAILED{background:#fde2e2}"
          + ".POSITIVE{color:#b00000;font-weight:bold}.NEGATIVE{color:#006000;font-weight:bold}"
          + ".INDETERMINATE{color:#9a6700;font-weight:bold}td.num{text-align:right}"
          + "section{border-top:2px solid #ccc;margin-top:2em}section img{max-width:100%;"
          + "border:1px solid #ddd}ul{margin:0;padding-left:1.2em}\n"
          + "</style></head><body>\n");
      w.write("<h1>MRDFlow run " + esc(run.runId()) + "</h1>\n<p>Run date " + run.runDate() + ". "
          + run.files() + " files: " + run.ok() + " analysed, " + run.failed() + " failed. Calls: ");
      StringBuilder statuses = new StringBuilder();
      for (Map.Entry<String, Long> e : run.mrdByStatus().entrySet()) {
        statuses.append(statuses.length() == 0 ? "" : ", ")
            .append("<span class=\"").append(esc(e.getKey())).append("\">").append(esc(e.getKey()))
            .append("</span> ").append(e.getValue());
      }
      w.write(statuses + ".</p>\n");
      if (!run.failuresByCode().isEmpty()) {
        w.write("<p>Files that could not be analysed:</p>\n<ul>\n");
        for (Map.Entry<String, Long> e : run.failuresByCode().entrySet()) {
          w.write("<li><b>" + esc(e.getKey()) + "</b> (" + e.getValue() + " file"
              + (e.getValue() == 1 ? "" : "s") + "): " + esc(ReportText.failure(e.getKey()))
              + "</li>\n");
        }
        w.write("</ul>\n");
      }
      if (!run.unmatchedFiles().isEmpty() || !run.unusedManifestRows().isEmpty()) {
        w.write("<p>Manifest: " + run.unmatchedFiles().size() + " files without a manifest row, "
            + run.unusedManifestRows().size() + " manifest rows without a file.</p>\n");
      }
      w.write("<p>Thresholds: " + esc(SampleReport.thresholds(rules)) + ".</p>\n");
      overview(w, samples);
      for (int i = 0; i < samples.size(); i++) {
        section(w, fs, target.getParent(), samples.get(i), plots.get(i), i);
      }
      w.write("<p>Tables: samples, mrd_results, populations under " + esc(run.output())
          + " (partition run_date=" + run.runDate() + "/run_id=" + esc(run.runId())
          + "). Each sample's printable report: plots/&lt;sample_id&gt;/" + SamplePdf.NAME
          + " beside this file.</p>\n</body></html>\n");
    }
  }

  private static String anchor(SampleReport s, int index) {
    return s.sampleId() == null ? "file-" + index : "sample-" + s.sampleId();
  }

  private static void overview(Writer w, List<SampleReport> samples) throws IOException {
    w.write("<table>\n<tr><th>sample</th><th>timepoint</th><th>call</th><th>MRD</th>"
        + "<th>blasts / nucleated</th><th>sensitivity</th><th>CD19+ blasts</th>"
        + "<th>hCD19-CAR eligible</th><th>B cells</th><th>B-cell aplasia</th><th>hematogones</th>"
        + "<th>QC flags</th></tr>\n");
    for (int i = 0; i < samples.size(); i++) {
      SampleReport s = samples.get(i);
      StringBuilder row = new StringBuilder("<tr class=\"")
          .append(s.analysed() ? "OK" : "FAILED").append("\">");
      cell(row, "<a href=\"#" + esc(anchor(s, i)) + "\">" + esc(s.sampleName()) + "</a>", false);
      cell(row, esc(s.timepoint()), false);
      if (s.analysed()) {
        cell(row, "<span class=\"" + esc(s.mrd().status()) + "\">" + esc(s.call()) + "</span>",
            false);
        cell(row, esc(s.mrdPercent()), true);
        cell(row, String.format(Locale.ROOT, "%,d / %,d", s.mrd().blastEvents(),
            s.mrd().nucleatedEvents()), true);
        cell(row, esc(ReportText.percent(s.mrd().sensitivity()) + " %"), true);
        cell(row, esc(s.cd19Text()), true);
        cell(row, esc(s.eligibilityText()), false);
        cell(row, esc(ReportText.share(s.mrd().bCellFractionOfLymphocytes())), true);
        cell(row, esc(s.aplasiaText()), false);
        cell(row, String.format(Locale.ROOT, "%,d", s.mrd().hematogoneEvents()), true);
        cell(row, list(s.flagSentences(), "none"), false);
      } else {
        cell(row, "<b>" + esc(s.call()) + "</b>", false);
        row.append("<td colspan=\"9\">").append(esc(s.reason())).append("</td>");
      }
      w.write(row.append("</tr>\n").toString());
    }
    w.write("</table>\n");
  }

  private static void section(Writer w, FileSystem fs, Path runFolder, SampleReport s,
      List<String> plotPaths, int index) throws IOException {
    w.write("<section id=\"" + esc(anchor(s, index)) + "\">\n<h2>" + esc(s.sampleName())
        + (s.timepoint() == null ? "" : " &middot; " + esc(s.timepoint())) + ": "
        + "<span class=\"" + (s.analysed() ? esc(s.mrd().status()) : "FAILED") + "\">"
        + esc(s.call()) + (s.analysed() ? ", MRD " + esc(s.mrdPercent()) : "")
        + "</span></h2>\n<p>sample_id <code>" + esc(s.sampleId()) + "</code></p>\n<table>\n");
    for (String[] finding : s.findings()) {
      w.write("<tr><th>" + esc(finding[0]) + "</th><td>" + esc(finding[1]) + "</td></tr>\n");
    }
    if (s.analysed()) {
      w.write("<tr><th>QC flags</th><td>" + list(s.flagSentences(), "none") + "</td></tr>\n");
    } else {
      w.write("<tr><th>message</th><td>" + esc(s.errorMessage()) + "</td></tr>\n");
    }
    w.write("</table>\n");
    for (String path : plotPaths) {
      String mime = path.endsWith(".png") ? "image/png" : path.endsWith(".svg") ? "image/svg+xml"
          : null;
      if (mime == null) {
        continue;
      }
      byte[] bytes;
      try (InputStream in = fs.open(new Path(runFolder, path))) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        w.write("<p>(plot " + esc(path) + " could not be read)</p>\n");
        continue;
      }
      // As an <img>, even an SVG runs no script; the data URI keeps the report one file.
      w.write("<p><img alt=\"gating plot of " + esc(s.sampleName()) + "\" src=\"data:" + mime
          + ";base64," + Base64.getEncoder().encodeToString(bytes) + "\"></p>\n");
    }
    w.write("</section>\n");
  }

  private static String list(List<String> items, String none) {
    if (items.isEmpty()) {
      return esc(none);
    }
    StringBuilder out = new StringBuilder("<ul>");
    for (String item : items) {
      out.append("<li>").append(esc(item)).append("</li>");
    }
    return out.append("</ul>").toString();
  }

  private static void cell(StringBuilder s, String html, boolean numeric) {
    s.append(numeric ? "<td class=\"num\">" : "<td>").append(html).append("</td>");
  }

  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
