package org.mrdflow.gating.report;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.gating.mrd.ReportText;

/**
 * What one sample's report shows, the one content model of the run's {@code report.html}, the
 * printable PDF ({@link SamplePdf}) and the review server: identity, the call and its figures,
 * the rules it was made with, QC flags, the failure of a FAILED file, and the gating plot. The
 * words come from {@link ReportText}; the methods below format them once for every renderer.
 * Plain Java (no Spark), so the run and the review server share it: the pipeline's {@code
 * ReportRows} builds it from the outcome rows, the server from the warehouse tables.
 *
 * @param runId the run that produced it (null when not known)
 * @param sampleId content-based sample id
 * @param sampleName the sample as the run names it: the file's keyed pseudonym, or its clear name
 *     when the run kept names ({@code samples.file_name}); untrusted text, escape it
 * @param timepoint the manifest's timepoint label, or null; untrusted text
 * @param errorCode for a FAILED file, its {@code ErrorCode} name; null when analysed
 * @param errorMessage for a FAILED file, the message naming the file and the fault; untrusted
 * @param mrd the call and its figures; null for a FAILED file
 * @param rules the reporting rules the call was made with
 * @param plotPng the gating figure (PNG), or null when there is none
 * @param reviewedFields the {@code mrd_results} columns whose value in {@code mrd} a reviewer set
 *     (mrd_status, mrd_fraction, cd19_pos_blast_fraction, hcd19_car_eligible): marked on the
 *     report, and the analysis' reason is not quoted for a call it did not make; empty for the
 *     run's own report
 */
public record SampleReport(
    String runId,
    String sampleId,
    String sampleName,
    String timepoint,
    String errorCode,
    String errorMessage,
    Mrd mrd,
    MrdRules rules,
    byte[] plotPng,
    Set<String> reviewedFields) {

  public SampleReport {
    reviewedFields = Set.copyOf(reviewedFields);
  }

  /** The report of the analysis as the run made it (nothing reviewed). */
  public SampleReport(String runId, String sampleId, String sampleName, String timepoint, String errorCode,
      String errorMessage, Mrd mrd, MrdRules rules, byte[] plotPng) {
    this(runId, sampleId, sampleName, timepoint, errorCode, errorMessage, mrd, rules, plotPng, Set.of());
  }

  /**
   * The {@code mrd_results} figures a report shows.
   *
   * @param cd19PosBlastFraction NaN without blasts
   * @param hcd19CarEligible null when not evaluable
   * @param bCellFractionOfLymphocytes NaN without lymphocytes
   * @param bCellAplasia null when not evaluable
   */
  public record Mrd(
      MrdStatus status,
      MrdStatusReason reason,
      double mrdFraction,
      double sensitivity,
      long blastEvents,
      long nucleatedEvents,
      int lodEvents,
      int lloqEvents,
      long cd19PosBlastEvents,
      double cd19PosBlastFraction,
      Boolean hcd19CarEligible,
      long lymphocyteEvents,
      long bCellEvents,
      double bCellFractionOfLymphocytes,
      Boolean bCellAplasia,
      long hematogoneEvents,
      List<String> qcFlags) {
    public Mrd {
      qcFlags = List.copyOf(qcFlags);
    }
  }

  public boolean analysed() {
    return mrd != null;
  }

  /** "MRD positive", or "Failed: <code>" for a file that could not be analysed. */
  public String call() {
    return analysed() ? ReportText.status(mrd.status()) : "Not analysed (" + errorCode + ")";
  }

  /** MRD as a percentage ("0.92 %", "&lt; 0.0092 %"); "" when not analysed. */
  public String mrdPercent() {
    return analysed() ? ReportText.mrd(mrd.status(), mrd.blastEvents(), mrd.mrdFraction(),
        mrd.sensitivity()) : "";
  }

  /** Why the call is what it is, in a sentence; for a FAILED file, what went wrong. */
  public String reason() {
    if (!analysed()) {
      return ReportText.failure(errorCode);
    }
    return reviewedFields.contains("mrd_status") ? "Call set by the reviewer (see Review and sign-off)."
        : ReportText.reason(mrd.reason(), rules);
  }

  /** The QC flags in words, one sentence each. */
  public List<String> flagSentences() {
    return analysed() ? mrd.qcFlags().stream().map(ReportText::flag).toList() : List.of();
  }

  /** "176 blasts / 207,599 nucleated cells". */
  public String counts() {
    return analysed() ? String.format(Locale.ROOT, "%,d blasts / %,d nucleated cells",
        mrd.blastEvents(), mrd.nucleatedEvents()) : "";
  }

  /** "< 0.0096 % (LOD 20, LLOQ 50 events)". */
  public String sensitivityText() {
    return analysed() ? String.format(Locale.ROOT, "%s %% (LOD %d, LLOQ %d events)",
        ReportText.percent(mrd.sensitivity()), mrd.lodEvents(), mrd.lloqEvents()) : "";
  }

  /** The reporting thresholds, from the rules the call used. */
  public String thresholdsText() {
    return thresholds(rules);
  }

  /** The reporting thresholds of {@code rules} in words. */
  public static String thresholds(MrdRules rules) {
    return String.format(Locale.ROOT, "MRD positive at >= %s %% of nucleated cells "
        + "(LOD %d, LLOQ %d events); hCD19-CAR eligible with >= %s %% CD19+ blasts; B-cell "
        + "aplasia below %s %% B cells of lymphocytes",
        ReportText.percent(rules.mrdThreshold()), rules.lodEvents(), rules.lloqEvents(),
        ReportText.percent(rules.car19EligibleFraction()),
        ReportText.percent(rules.bCellAplasiaPercent() / 100));
  }

  /** "100.0 % (176 blasts)"; the share alone when a reviewer set it (the count is the analysis'). */
  public String cd19Text() {
    if (!analysed()) {
      return "";
    }
    return ReportText.share(mrd.cd19PosBlastFraction()) + (reviewedFields.contains("cd19_pos_blast_fraction") ? ""
        : " (" + String.format(Locale.ROOT, "%,d", mrd.cd19PosBlastEvents()) + " blasts)");
  }

  /** A findings label, marked when the reviewer set its value. */
  private String reviewed(String label, String column) {
    return reviewedFields.contains(column) ? label + " (reviewed)" : label;
  }

  public String eligibilityText() {
    return analysed() ? ReportText.yesNo(mrd.hcd19CarEligible()) : "";
  }

  /** "1.3 % of lymphocytes (58 / 4,377)". */
  public String bCellsText() {
    return analysed() ? ReportText.share(mrd.bCellFractionOfLymphocytes()) + " of lymphocytes ("
        + String.format(Locale.ROOT, "%,d / %,d", mrd.bCellEvents(),
            mrd.lymphocyteEvents()) + ")" : "";
  }

  public String aplasiaText() {
    return analysed() ? ReportText.yesNo(mrd.bCellAplasia()) : "";
  }

  public String hematogonesText() {
    return analysed() ? String.format(Locale.ROOT, "%,d events",
        mrd.hematogoneEvents()) : "";
  }

  /** The rows of the findings table: label, value. */
  public List<String[]> findings() {
    if (!analysed()) {
      return List.<String[]>of(new String[] {"error", errorCode + ": " + ReportText.failure(errorCode)});
    }
    return List.of(
        new String[] {reviewed("MRD", "mrd_fraction"), mrdPercent() + " (" + counts() + ")"},
        new String[] {reviewed("call", "mrd_status"), call() + ". " + reason()},
        new String[] {"sensitivity", sensitivityText()},
        new String[] {reviewed("CD19+ blasts", "cd19_pos_blast_fraction"), cd19Text()},
        new String[] {reviewed("hCD19-CAR eligible", "hcd19_car_eligible"), eligibilityText()},
        new String[] {"B cells", bCellsText()},
        new String[] {"B-cell aplasia", aplasiaText()},
        new String[] {"hematogones", hematogonesText()},
        new String[] {"thresholds", thresholdsText()});
  }
}
