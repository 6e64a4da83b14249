package org.mrdflow.gating.mrd;

/** Reporting category of an MRD measurement (domain brief section 2, "Reporting categories"). */
public enum MrdStatus {
  /** Blasts at or above the LOD and MRD at or above the 1e-4 threshold. */
  POSITIVE,
  /** No blast cluster at or above the LOD and an achieved sensitivity of 1e-4 or better. */
  NEGATIVE,
  /** Neither: the reason code says why (see {@link MrdStatusReason}). */
  INDETERMINATE
}
