package org.mrdflow.gating.mrd;

/**
 * Why a sample got its {@link MrdStatus}. Stable codes: they are written to the {@code status_reason}
 * Parquet column and compared with simulator truth ({@code mrd_category_reason}).
 */
public enum MrdStatusReason {
  /** POSITIVE: blasts >= LOD and blasts / nucleated >= threshold. */
  POSITIVE_ABOVE_THRESHOLD,
  /** POSITIVE but fewer blasts than the LLOQ: detected, not precisely quantifiable. */
  POSITIVE_NOT_QUANTIFIABLE,
  /**
   * NEGATIVE: no blast cluster of LOD size (fewer blasts than the LOD, possibly none) with
   * sufficient sensitivity (LOD / nucleated <= threshold): "not detected (< sensitivity)".
   */
  NOT_DETECTED,
  /** INDETERMINATE: blasts >= LOD but below the threshold. */
  LOW_LEVEL_POSITIVE_BELOW_THRESHOLD,
  /** INDETERMINATE: some blasts, fewer than the LOD, without the sensitivity to call NEGATIVE. */
  DETECTED_BELOW_LOD,
  /** INDETERMINATE: no blasts, but too few nucleated cells to reach the threshold. */
  INSUFFICIENT_SENSITIVITY,
  /*
   * Fail closed (issue 10): the codes below replace a NEGATIVE the sample cannot support; the
   * count would have allowed NOT_DETECTED, but something that call rests on is missing. In
   * order of precedence (the first that applies is reported; the others are QC flags).
   */
  /** INDETERMINATE: no spillover matrix was applied, so blasts may hide in spillover. */
  UNCOMPENSATED,
  /** INDETERMINATE: a calibration check on the file failed (e.g. compensation sanity). */
  CALIBRATION_FAILED,
  /**
   * INDETERMINATE: a reference population the blast cuts rest on (CD34+ progenitors, T/NK
   * lymphocytes) could not be measured with enough events in this sample.
   */
  REFERENCE_MISSING,
  /**
   * INDETERMINATE: more CD10-bright lymphoid cells than normal B precursors explain were not
   * called blasts: a clone the blast rules did not recognise may hide among them.
   */
  BLASTS_NOT_SEPARABLE,
  /** INDETERMINATE: the sample quality does not support a NEGATIVE (e.g. acquisition QC). */
  POOR_SAMPLE_QUALITY,
  /** INDETERMINATE: the marrow-quality index says the aspirate is mostly peripheral blood. */
  HEMODILUTED
}
