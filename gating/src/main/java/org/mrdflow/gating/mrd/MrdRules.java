package org.mrdflow.gating.mrd;

import java.util.Collection;
import java.util.Comparator;

/**
 * The reporting rules of domain brief section 2: LOD / LLOQ in events, the MRD threshold, the
 * hCD19 CAR-T eligibility share and the B-cell-aplasia cut-off. All configurable; {@link
 * #DEFAULTS} are the EuroFlow / ICCS-ESCCA and seed-paper values. The project's one
 * implementation of these rules: the simulator's ground truth ({@code TruthRules} in the
 * simulation module) applies {@link #DEFAULTS} and only renames the outcome into the truth
 * format's words, with the deliberate differences documented there.
 *
 * @param lodEvents limit of detection, events (EuroFlow: 20)
 * @param lloqEvents lower limit of quantification, events (EuroFlow: 50)
 * @param mrdThreshold MRD positivity threshold as a fraction of nucleated cells (1e-4 = 0.01 %)
 * @param car19EligibleFraction share of CD19+ blasts needed for humanized CD19 CAR-T
 *     re-treatment (paper 004: >= 95 %)
 * @param bCellAplasiaPercent B cells as % of lymphocytes below which the marrow is B-cell
 *     aplastic (paper 004: < 3 %)
 */
public record MrdRules(
    int lodEvents,
    int lloqEvents,
    double mrdThreshold,
    double car19EligibleFraction,
    double bCellAplasiaPercent) {

  public static final MrdRules DEFAULTS = new MrdRules(20, 50, 1e-4, 0.95, 3.0);

  public MrdRules {
    if (lodEvents < 1 || lloqEvents < lodEvents) {
      throw new IllegalArgumentException(
          "MRD rules need 1 <= LOD <= LLOQ events, got LOD " + lodEvents + ", LLOQ " + lloqEvents);
    }
    if (!(mrdThreshold > 0 && mrdThreshold < 1)) {
      throw new IllegalArgumentException("MRD threshold must be in (0, 1), got " + mrdThreshold);
    }
    if (!(car19EligibleFraction > 0 && car19EligibleFraction <= 1)) {
      throw new IllegalArgumentException(
          "CAR19 eligibility share must be in (0, 1], got " + car19EligibleFraction);
    }
    if (!(bCellAplasiaPercent > 0 && bCellAplasiaPercent < 100)) {
      throw new IllegalArgumentException(
          "B-cell aplasia cut-off must be in (0, 100) %, got " + bCellAplasiaPercent);
    }
  }

  /**
   * The MRD call for {@code blasts} leukemic events among {@code nucleated} nucleated cells.
   *
   * <ul>
   *   <li>POSITIVE: blasts >= LOD and blasts / nucleated >= threshold (tested exactly as
   *       {@code blasts >= threshold x nucleated}); reason POSITIVE_NOT_QUANTIFIABLE below LLOQ.
   *   <li>NEGATIVE: no blast cluster of LOD size and an achieved sensitivity (LOD / nucleated)
   *       at or below the threshold: "not detected (< sensitivity)".
   *   <li>otherwise INDETERMINATE: blasts >= LOD below the threshold, a few blasts below the LOD
   *       without the sensitivity to call the sample negative, or no blasts with too few cells.
   * </ul>
   */
  public MrdCall call(long nucleated, long blasts) {
    if (nucleated < 0 || blasts < 0 || blasts > nucleated) {
      throw new IllegalArgumentException(
          "need 0 <= blasts <= nucleated, got " + blasts + " of " + nucleated);
    }
    double fraction = nucleated == 0 ? Double.NaN : (double) blasts / nucleated;
    double sensitivity = nucleated == 0 ? Double.POSITIVE_INFINITY : (double) lodEvents / nucleated;
    boolean sensitive = (double) lodEvents <= mrdThreshold * nucleated;
    MrdStatus status;
    MrdStatusReason reason;
    if (blasts >= lodEvents && blasts >= mrdThreshold * nucleated) {
      status = MrdStatus.POSITIVE;
      reason = blasts >= lloqEvents
          ? MrdStatusReason.POSITIVE_ABOVE_THRESHOLD
          : MrdStatusReason.POSITIVE_NOT_QUANTIFIABLE;
    } else if (blasts >= lodEvents) {
      status = MrdStatus.INDETERMINATE;
      reason = MrdStatusReason.LOW_LEVEL_POSITIVE_BELOW_THRESHOLD;
    } else if (sensitive) {
      status = MrdStatus.NEGATIVE;
      reason = MrdStatusReason.NOT_DETECTED;
    } else if (blasts > 0) {
      status = MrdStatus.INDETERMINATE;
      reason = MrdStatusReason.DETECTED_BELOW_LOD;
    } else {
      status = MrdStatus.INDETERMINATE;
      reason = MrdStatusReason.INSUFFICIENT_SENSITIVITY;
    }
    return new MrdCall(status, reason, fraction, sensitivity);
  }

  /**
   * Fail closed: a NEGATIVE call becomes INDETERMINATE with the first of {@code unmet} (the
   * preconditions of a NEGATIVE this sample does not meet, most serious first: {@link
   * MrdStatusReason#UNCOMPENSATED}, {@link MrdStatusReason#CALIBRATION_FAILED}, {@link
   * MrdStatusReason#REFERENCE_MISSING}, {@link MrdStatusReason#POOR_SAMPLE_QUALITY}, {@link
   * MrdStatusReason#HEMODILUTED}). POSITIVE and INDETERMINATE calls are kept: blasts that were
   * found are reported, and an INDETERMINATE already says why it is not NEGATIVE.
   */
  public MrdCall failClosed(MrdCall call, Collection<MrdStatusReason> unmet) {
    if (call.status() != MrdStatus.NEGATIVE || unmet.isEmpty()) {
      return call;
    }
    MrdStatusReason reason = unmet.stream().min(Comparator.naturalOrder()).orElseThrow();
    if (reason.compareTo(MrdStatusReason.UNCOMPENSATED) < 0) {
      throw new IllegalArgumentException(reason + " is not a fail-closed reason");
    }
    return new MrdCall(MrdStatus.INDETERMINATE, reason, call.fraction(), call.sensitivity());
  }

  /**
   * Eligibility for humanized CD19 CAR-T; null with fewer blasts than the LOD (not evaluable:
   * a few events cannot say what share of a clone expresses CD19).
   */
  public Boolean car19Eligible(long blasts, double cd19PositiveFraction) {
    return blasts < lodEvents ? null : meetsCar19Share(cd19PositiveFraction);
  }

  /** Whether a CD19+ share of blasts reaches the humanized CD19 CAR-T cut (>= 95 %). */
  public boolean meetsCar19Share(double cd19PositiveFraction) {
    return cd19PositiveFraction >= car19EligibleFraction;
  }

  /** B-cell aplasia; null without lymphocytes. */
  public Boolean bCellAplasia(long lymphocytes, long bCells) {
    return lymphocytes == 0 ? null : isAplastic(bCellPercent(lymphocytes, bCells));
  }

  /** B cells as % of lymphocytes ({@code lymphocytes} > 0). */
  public static double bCellPercent(long lymphocytes, long bCells) {
    return 100.0 * bCells / lymphocytes;
  }

  /** Whether B cells at this % of lymphocytes are below the aplasia cut-off (< 3 %). */
  public boolean isAplastic(double bCellPercentOfLymphocytes) {
    return bCellPercentOfLymphocytes < bCellAplasiaPercent;
  }

  /**
   * One MRD call.
   *
   * @param fraction blasts / nucleated (NaN without nucleated cells)
   * @param sensitivity achieved sensitivity, LOD / nucleated
   */
  public record MrdCall(MrdStatus status, MrdStatusReason reason, double fraction,
      double sensitivity) {}
}
