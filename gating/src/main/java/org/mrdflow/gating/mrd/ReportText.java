package org.mrdflow.gating.mrd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words a cytometrist reads for the analysis' codes: the MRD call, its reason, every QC flag
 * and every failure code of a file, each as a sentence, and the MRD value as a percentage. The
 * one place these words live: the gating plots, the run's {@code report.html}, the per-sample PDF
 * and the review server all take them from here, so a code means the same everywhere.
 *
 * <p>Flags and failure codes are strings (flags come from {@link MrdAnalysis}, {@link
 * SampleQuality} and the pipeline; failure codes are the pipeline's {@code ErrorCode} names, a
 * module this one cannot see): tests in both modules fail when one has no sentence here.
 */
public final class ReportText {
  private ReportText() {}

  private static final Map<String, String> FLAGS = Map.ofEntries(
      Map.entry(MrdAnalysis.FLAG_NO_SINGLET_CHANNEL, "The file has no pulse height or width "
          + "channel (FSC-H/W, SSC-H/W), so doublets could not be removed."),
      Map.entry(MrdAnalysis.FLAG_UNCOMPENSATED, "No spillover matrix was found in the file or the "
          + "lab's matrices: fluorescence is uncompensated and blasts may hide in spillover."),
      Map.entry(MrdAnalysis.FLAG_NO_TIME, "The file has no time channel, so the acquisition could "
          + "not be checked for clogs or bursts."),
      Map.entry(MrdAnalysis.FLAG_TIME_EVENTS_REMOVED, "Events from disturbed stretches of the "
          + "acquisition (clog, burst, drift) were removed by the time check."),
      Map.entry(MrdAnalysis.FLAG_BELOW_LLOQ, "Blasts are detected but fewer than the lower limit "
          + "of quantification: the MRD level is not precise."),
      Map.entry(MrdAnalysis.FLAG_PANEL_LIMITED, "More CD34+ CD38-dim CD19- CD10- cells than normal: "
          + "blasts negative for both CD19 and CD10 cannot be excluded with this panel."),
      Map.entry(MrdAnalysis.FLAG_CD19_UNCERTAIN, "The blasts' CD19 is only just above the negative "
          + "level: they are counted CD19-negative and CAR19 eligibility is not stated."),
      Map.entry(MrdAnalysis.FLAG_BLASTS_WITHIN_NORMAL_TAILS, "The only blast events are no more "
          + "than the tails of normal precursors give in a sample this size: they may be no "
          + "clone, so CAR19 eligibility is not stated."),
      Map.entry(MrdAnalysis.FLAG_HEMATOGONES_NOT_SEPARABLE, "The clone is so large that "
          + "hematogones cannot be told from it: B cells count mature B cells only."),
      Map.entry(SampleQuality.FLAG_PROGENITORS_ANCHORED, "Too few normal CD34+ progenitors: the "
          + "blast reference was placed from the T/NK lymphocytes instead."),
      Map.entry(SampleQuality.FLAG_COMPENSATION_SUSPECT, "T/NK cells appear positive for CD34 or "
          + "CD10: the compensation is suspect."),
      Map.entry(SampleQuality.FLAG_CD19_SPILLOVER_TAIL, "CD34+ CD19-negative progenitors reach "
          + "the B-cell CD19 level as a tail: spillover into CD19 is left by the matrix, so the "
          + "compensation is suspect."),
      Map.entry(SampleQuality.FLAG_ACQUISITION_DISTURBED, "The time check removed more of the "
          + "acquisition than a negative result allows."),
      Map.entry(SampleQuality.FLAG_HEMODILUTED, "Few marrow precursors for the share of blood "
          + "cells: the aspirate looks diluted with peripheral blood."),
      Map.entry(SampleQuality.FLAG_GRANULOCYTE_DEPLETED, "Few granulocytes, as after a density "
          + "gradient: the denominator may not be whole marrow."),
      Map.entry(SampleQuality.FLAG_CD10_BRIGHT_UNEXPLAINED, "Many CD10-bright cells in the "
          + "blast window are not called blasts: a clone may be missed, so the MRD is a lower "
          + "bound and B-cell aplasia and CAR19 eligibility are not stated."),
      // The pipeline's flags (AnalysedSample.PLOT_FAILED, REPORT_FAILED); its test checks them.
      Map.entry("gating-plot-failed", "The gating plot could not be drawn or stored; the counts "
          + "and the call are not affected."),
      Map.entry("sample-report-failed", "The printable report (PDF) could not be drawn or "
          + "stored; the counts and the call are not affected."));

  private static final Map<String, String> FAILURES = Map.ofEntries(
      Map.entry("NOT_FCS", "The file is not a flow-cytometry (FCS) file."),
      Map.entry("TRUNCATED", "The file ends early: it was cut off while being copied or exported."),
      Map.entry("CORRUPT", "The file claims to be FCS but its header, keywords or data are "
          + "malformed."),
      Map.entry("UNSUPPORTED", "The file is valid FCS but uses a feature MRDFlow does not read."),
      Map.entry("MISSING_MARKER", "A marker the MRD panel needs (e.g. CD19 or CD45) is not among "
          + "the file's channels."),
      Map.entry("ANALYSIS_FAILED", "The file was read, but compensation, transformation or gating "
          + "could not be completed."),
      Map.entry("READ_ERROR", "The file could not be read from storage (permissions, moved, or "
          + "changed while being read)."),
      Map.entry("TOO_LARGE", "The file is larger than one analysis may hold in memory."),
      Map.entry("DUPLICATE", "The file is a byte-for-byte copy of another file of this run, "
          + "which was analysed instead."),
      Map.entry("INTERNAL_ERROR", "An unexpected error inside MRDFlow (a bug); the file itself "
          + "may be fine."));

  /** The QC flags that have a sentence. */
  public static Set<String> describedFlags() {
    return FLAGS.keySet();
  }

  /** The failure codes that have a sentence. */
  public static Set<String> describedFailures() {
    return FAILURES.keySet();
  }

  /** A QC flag in words; an unknown flag (from a newer pipeline) is shown as its code. */
  public static String flag(String code) {
    return FLAGS.getOrDefault(code, "QC flag " + code + ".");
  }

  /** A FAILED file's error code in words; an unknown code is shown as itself. */
  public static String failure(String errorCode) {
    return FAILURES.getOrDefault(errorCode, "Failed: " + errorCode + ".");
  }

  /** The call in a few words, e.g. "MRD positive". */
  public static String status(MrdStatus status) {
    return switch (status) {
      case POSITIVE -> "MRD positive";
      case NEGATIVE -> "MRD negative";
      case INDETERMINATE -> "MRD indeterminate";
    };
  }

  /**
   * Why the call is what it is, in a sentence; {@code rules} give the numbers the sentence
   * quotes. A switch without default: a new reason does not compile without its sentence.
   */
  public static String reason(MrdStatusReason reason, MrdRules rules) {
    String threshold = percent(rules.mrdThreshold()) + " %";
    return switch (reason) {
      case POSITIVE_ABOVE_THRESHOLD -> "Blasts at or above the " + threshold + " threshold, "
          + "at least " + rules.lloqEvents() + " events (quantifiable).";
      case POSITIVE_NOT_QUANTIFIABLE -> "Blasts at or above the " + threshold + " threshold, "
          + "but fewer than the " + rules.lloqEvents() + " events needed to quantify them.";
      case NOT_DETECTED -> "No blast cluster of " + rules.lodEvents() + " events, with enough "
          + "cells to detect " + threshold + ".";
      case LOW_LEVEL_POSITIVE_BELOW_THRESHOLD -> "A blast cluster of at least "
          + rules.lodEvents() + " events, but below the " + threshold + " threshold.";
      case DETECTED_BELOW_LOD -> "A few blasts, fewer than the " + rules.lodEvents()
          + " needed, and too few cells to call the sample negative.";
      case INSUFFICIENT_SENSITIVITY -> "No blasts, but too few nucleated cells to detect "
          + threshold + ".";
      case UNCOMPENSATED -> "Not called negative: no spillover matrix was applied, so blasts "
          + "may hide in spillover.";
      case CALIBRATION_FAILED -> "Not called negative: a calibration check on the file failed "
          + "(e.g. compensation).";
      case REFERENCE_MISSING -> "Not called negative: a reference population the blast gates "
          + "rest on (CD34+ progenitors, T/NK cells) is too small.";
      case POOR_SAMPLE_QUALITY -> "Not called negative: the acquisition quality does not "
          + "support it.";
      case HEMODILUTED -> "Not called negative: the aspirate is mostly peripheral blood.";
      case BLASTS_NOT_SEPARABLE -> "Not called negative: many CD10-bright cells are neither "
          + "blasts nor normal B precursors, so a clone the blast gates do not see cannot be "
          + "excluded.";
    };
  }

  /**
   * The MRD level as a cytometrist writes it: "0.92 %", or "&lt; 0.0092 %" (below the achieved
   * sensitivity) when no blasts are reported; "-" without nucleated cells.
   */
  public static String mrd(MrdResult r) {
    return mrd(r.mrdStatus(), r.blastEvents(), r.mrdFraction(), r.sensitivity());
  }

  /** As {@link #mrd(MrdResult)}, from the {@code mrd_results} columns. */
  public static String mrd(MrdStatus status, long blastEvents, double mrdFraction,
      double sensitivity) {
    if (status == MrdStatus.NEGATIVE || blastEvents == 0) {
      return Double.isFinite(sensitivity) ? "< " + percent(sensitivity) + " %" : "-";
    }
    return Double.isFinite(mrdFraction) ? percent(mrdFraction) + " %" : "-";
  }

  /** A fraction as a percentage with two significant digits, without exponent ("0.0092"). */
  public static String percent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return "-";
    }
    if (fraction == 0) {
      return "0";
    }
    return new BigDecimal(100 * fraction).round(new MathContext(2)).stripTrailingZeros()
        .toPlainString();
  }

  /** A share as "94.9 %" (one decimal), "-" when not defined. */
  public static String share(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f %%", 100 * fraction) : "-";
  }

  /** A yes / no / not evaluable finding. */
  public static String yesNo(Boolean value) {
    return value == null ? "not evaluable" : value ? "yes" : "no";
  }
}
