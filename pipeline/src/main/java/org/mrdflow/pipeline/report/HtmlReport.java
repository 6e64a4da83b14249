package org.mrdflow.pipeline.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.mrdflow.pipeline.run.RunResult;

/**
 * The per-run HTML QC report: the run's summary, then one row per sample linking to its gating
 * plots, written as rows stream by.
 * Self-contained (inline CSS, no scripts): it opens from a file share or an archive.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * @param rows outcome rows ({@code Tables.OUTCOME_SCHEMA}: the samples row and the mrd_results
   *     row, null for FAILED files), in display order
   */
  public static void write(FileSystem fs, Path target, RunResult run, Iterator<Row> rows) throws IOException {
    try (Writer w = new OutputStreamWriter(fs.create(target, true), StandardCharsets.UTF_8)) {
      w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>MRDFlow run "
          + esc(run.runId()) + "</title>\n<style>\n"
          + "body{font-family:sans-serif;margin:1.5em;color:#222}"
          + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}"
          + "th{background:#eee}.FAILED{background:#fde2e2}.POSITIVE{color:#b00000;font-weight:bold}"
          + ".NEGATIVE{color:#006000}.INDETERMINATE{color:#9a6700}td.num{text-align:right}\n"
          + "</style></head><body>\n");
      w.write("<h1>MRDFlow run " + esc(run.runId()) + "</h1>\n<p>Run date " + run.runDate() + ". "
          + run.files() + " files: " + run.ok() + " OK, " + run.failed() + " FAILED. MRD: ");
      StringBuilder statuses = new StringBuilder();
      for (Map.Entry<String, Long> e : run.mrdByStatus().entrySet()) {
        statuses.append(statuses.length() == 0 ? "" : ", ")
            .append("<span class=\"").append(e.getKey()).append("\">").append(e.getKey()).append("</span> ")
            .append(e.getValue());
      }
      w.write(statuses + ".</p>\n");
      if (!run.failuresByCode().isEmpty()) {
        w.write("<p>Failures by code: " + esc(run.failuresByCode().toString()) + "</p>\n");
      }
      if (!run.unmatchedFiles().isEmpty() || !run.unusedManifestRows().isEmpty()) {
        w.write("<p>Manifest: " + run.unmatchedFiles().size() + " files without a manifest row, "
            + run.unusedManifestRows().size() + " manifest rows without a file.</p>\n");
      }
      w.write("<table>\n<tr><th>file</th><th>sample_id</th><th>status</th><th>MRD</th><th>reason</th>"
          + "<th>mrd_fraction</th><th>blasts</th><th>nucleated</th><th>sensitivity</th><th>QC flags</th>"
          + "<th>timepoint</th><th>plots / error</th></tr>\n");
      while (rows.hasNext()) {
        w.write(row(rows.next()));
      }
      w.write("</table>\n<p>Tables: samples, mrd_results, populations under " + esc(run.output())
          + " (partition run_date=" + run.runDate() + "/run_id=" + esc(run.runId()) + ").</p>\n</body></html>\n");
    }
  }

  private static String row(Row outcome) {
    Row r = outcome.getAs("sample");
    Row m = outcome.getAs("mrd");
    String status = r.getAs("status");
    boolean ok = "OK".equals(status);
    StringBuilder s = new StringBuilder("<tr class=\"").append(esc(status)).append("\">");
    cell(s, esc(r.getAs("file_name")), false);
    cell(s, "<code>" + esc(r.getAs("sample_id")) + "</code>", false);
    cell(s, esc(status), false);
    String mrdStatus = ok ? m.getAs("mrd_status") : null;
    cell(s, mrdStatus == null ? "" : "<span class=\"" + esc(mrdStatus) + "\">" + esc(mrdStatus) + "</span>", false);
    cell(s, ok ? esc(m.getAs("status_reason")) : "", false);
    cell(s, ok ? String.format(Locale.ROOT, "%.2e", (Double) m.getAs("mrd_fraction")) : "", true);
    cell(s, ok ? String.valueOf((Long) m.getAs("blast_events")) : "", true);
    cell(s, ok ? String.valueOf((Long) m.getAs("nucleated_events")) : "", true);
    cell(s, ok ? String.format(Locale.ROOT, "%.1e", (Double) m.getAs("sensitivity")) : "", true);
    cell(s, ok ? esc(String.join(", ", m.<String>getList(m.fieldIndex("qc_flags")))) : "", false);
    cell(s, esc(r.getAs("timepoint")), false);
    if (ok) {
      StringBuilder links = new StringBuilder();
      for (Object p : r.getList(r.fieldIndex("plot_paths"))) {
        String path = (String) p;
        links.append("<a href=\"").append(esc(path)).append("\">")
            .append(esc(path.substring(path.lastIndexOf('/') + 1))).append("</a> ");
      }
      cell(s, links.toString(), false);
    } else {
      cell(s, "<b>" + esc(r.getAs("error_code")) + "</b>: " + esc(r.getAs("error_message")), false);
    }
    return s.append("</tr>\n").toString();
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
