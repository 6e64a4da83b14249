package org.mrdflow.pipeline.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mrdflow.pipeline.run.RunResult;

/** The one-page text summary printed at the end of a run. */
public final class RunSummary {
  private static final int LISTED = 10;

  private RunSummary() {}

  public static String format(RunResult r) {
    StringBuilder s = new StringBuilder();
    double seconds = (r.finished().toEpochMilli() - r.started().toEpochMilli()) / 1000.0;
    s.append(String.format(Locale.ROOT, "MRDFlow run %s (%s) finished in %.1f s%n", r.runId(), r.runDate(), seconds));
    s.append(String.format(Locale.ROOT, "  files      files_listed %d, files_analysed %d (%d OK, %d FAILED),"
        + " files_skipped %d%s%n", r.filesListed(), r.files(), r.ok(), r.failed(), r.filesSkipped(),
        r.ignoredFiles() > 0 ? " (" + r.ignoredFiles() + " non-FCS files ignored)" : ""));
    s.append(String.format(Locale.ROOT, "  events     %,d analysed, %.0f events/s%n", r.events(),
        r.analysisSeconds() > 0 ? r.events() / r.analysisSeconds() : 0.0));
    s.append("  MRD       ");
    for (Map.Entry<String, Long> e : r.mrdByStatus().entrySet()) {
      s.append(' ').append(e.getKey()).append(' ').append(e.getValue());
    }
    s.append(System.lineSeparator());
    if (!r.failuresByCode().isEmpty()) {
      s.append("  failures   ").append(r.failuresByCode()).append(System.lineSeparator());
      list(s, "failed", r.failedExamples(), r.failed());
    }
    if (!r.unmatchedFiles().isEmpty()) {
      list(s, "no manifest row", r.unmatchedFiles(), r.unmatchedFiles().size());
    }
    if (!r.unusedManifestRows().isEmpty()) {
      list(s, "manifest rows without a file", r.unusedManifestRows(), r.unusedManifestRows().size());
    }
    s.append("  tables     ").append(r.output()).append("/{samples,mrd_results,populations}/run_date=")
        .append(r.runDate()).append("/run_id=").append(r.runId()).append(System.lineSeparator());
    s.append("  report     ").append(r.reportPath()).append(System.lineSeparator());
    s.append("  provenance ").append(r.provenancePath()).append(System.lineSeparator());
    return s.toString();
  }

  private static void list(StringBuilder s, String title, List<String> items, long total) {
    s.append("  ").append(title).append(" (").append(total).append("):").append(System.lineSeparator());
    items.stream().limit(LISTED).forEach(i -> s.append("    ").append(i).append(System.lineSeparator()));
    if (total > LISTED) {
      s.append("    ... ").append(total - LISTED).append(" more in the report").append(System.lineSeparator());
    }
  }
}
