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
  INSUFFICIENT_SENSITIVITY
}
