package org.mrdflow.gating.mrd;

/**
 * The population each event ends in, for per-event output (the pipeline's optional events
 * table). Codes are stable: they are stored, not just displayed.
 */
public enum PopulationLabel {
  /** Outside the time QC, debris or doublet: not a nucleated cell. */
  EXCLUDED(0),
  /** Nucleated cell of no population below (granulocytes, monocytes, erythroid, ...). */
  NUCLEATED_OTHER(1),
  /** CD45-bright low-SSC CD19- lymphocyte (T, NK). */
  LYMPHOCYTE_T_NK(2),
  /** CD34+ CD10- CD19- progenitor. */
  PROGENITOR(3),
  /** Plasma cell. */
  PLASMA_CELL(4),
  /** Hematogone (normal B precursor, stages I, II, transitional). */
  HEMATOGONE(5),
  /** Normal mature B cell. */
  MATURE_B(6),
  /** Other B-lineage event (CD19+ CD34+ CD10-, off the normal path but not called leukemic). */
  B_LINEAGE_OTHER(7),
  /** Leukemic blast of a CD19-expressing subclone. */
  BLAST_CD19_POSITIVE(8),
  /** Leukemic blast without CD19 (CD19-negative escape). */
  BLAST_CD19_NEGATIVE(9);

  private final int code;

  PopulationLabel(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static PopulationLabel ofCode(int code) {
    for (PopulationLabel label : values()) {
      if (label.code == code) {
        return label;
      }
    }
    throw new IllegalArgumentException("no population label with code " + code);
  }
}
