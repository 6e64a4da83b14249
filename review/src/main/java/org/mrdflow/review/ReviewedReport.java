package org.mrdflow.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mrdflow.gating.mrd.MrdPlots;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.gating.report.SamplePdf;
import org.mrdflow.gating.report.SampleReport;
import org.mrdflow.gating.report.SignOff;
import org.mrdflow.review.store.AuditEntry;
import org.mrdflow.review.warehouse.Analysis;

/**
 * The sample's printable PDF as the review stands: the run's renderer ({@link SamplePdf}) given
 * the reviewed values in place of the pipeline's and the audit trail's actions in effect (the
 * overrides of the values shown, then the sign-offs), so the medical record gets the signed
 * result, not the run's unsigned one.
 */
final class ReviewedReport {
  private ReviewedReport() {}

  /**
   * @param rules the rules the run applied (its thresholds are printed)
   * @param plots the analysis' plot files; the gating figure among them goes on the page
   */
  static byte[] pdf(Analysis a, ReviewState s, MrdRules rules, List<Path> plots) {
    return SamplePdf.render(report(a, s, rules, gatingPng(plots)), signOffs(s));
  }

  static SampleReport report(Analysis a, ReviewState s, MrdRules rules, byte[] plotPng) {
    SampleReport.Mrd mrd = null;
    if (a.analysed()) {
      String eligible = Pages.effective(a, s, ReviewField.HCD19_CAR_ELIGIBLE);
      mrd = new SampleReport.Mrd(MrdStatus.valueOf(Pages.effective(a, s, ReviewField.MRD_STATUS)),
          MrdStatusReason.valueOf(a.statusReason()), number(Pages.effective(a, s, ReviewField.MRD_FRACTION)),
          orNaN(a.sensitivity()), orZero(a.blastEvents()), orZero(a.nucleatedEvents()),
          a.lodEvents() == null ? 0 : a.lodEvents(), a.lloqEvents() == null ? 0 : a.lloqEvents(),
          orZero(a.cd19PosBlastEvents()), number(Pages.effective(a, s, ReviewField.CD19_POS_BLAST_FRACTION)),
          eligible == null ? null : Boolean.valueOf(eligible), orZero(a.lymphocyteEvents()), orZero(a.bCellEvents()),
          orNaN(a.bCellFractionOfLymphocytes()), a.bCellAplasia(), orZero(a.hematogoneEvents()), a.qcFlags());
    }
    Set<String> reviewed = s.overrides().keySet().stream().map(ReviewField::column).collect(Collectors.toSet());
    return new SampleReport(a.runId(), a.sampleId(), a.name(), a.timepoint(), a.errorCode(), a.errorMessage(), mrd,
        rules, plotPng, reviewed);
  }

  /**
   * The overrides whose values the report shows (the latest of each field) and the sign-offs in
   * effect, oldest first: an override voids earlier sign-offs, so they come after it.
   */
  static List<SignOff> signOffs(ReviewState s) {
    Map<String, AuditEntry> latestOverride = new HashMap<>();
    s.trail().stream().filter(e -> e.action().equals(ReviewState.OVERRIDE)).forEach(e -> latestOverride.put(e.field(), e));
    return s.trail().stream()
        .filter(e -> latestOverride.containsValue(e) || e == s.firstSign() || e == s.secondSign())
        .map(e -> new SignOff(e.reviewer(), e.role().id(), action(e), e.time())).toList();
  }

  private static String action(AuditEntry e) {
    if (e.action().equals(ReviewState.SIGN)) {
      return "2".equals(e.newValue()) ? SignOff.SIGN + " (second level)" : SignOff.SIGN;
    }
    return e.action() + " " + e.field() + " " + e.oldValue() + " -> " + e.newValue() + " (" + Text.shorten(e.reason()) + ")";
  }

  private static byte[] gatingPng(List<Path> plots) {
    for (Path p : plots) {
      if (p.getFileName().toString().equals(MrdPlots.PNG_NAME)) {
        try {
          return Files.readAllBytes(p);
        } catch (IOException e) {
          throw new UncheckedIOException(p + ": cannot read the gating figure", e);
        }
      }
    }
    return null;
  }

  private static double number(String decimal) {
    return decimal == null ? Double.NaN : Double.parseDouble(decimal);
  }

  private static double orNaN(Double d) {
    return d == null ? Double.NaN : d;
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }
}
