package org.mrdflow.simulation;

/**
 * What an event truly is, with the label code and truth name of the shared ground-truth format
 * ({@code <stem>.labels.bin} holds one code per event; {@code population_counts} in
 * {@code <stem>.truth.json} is keyed by the name). Codes are fixed: they are an interface.
 */
public enum Population {
  DEBRIS(1, "debris"),
  DOUBLET(2, "doublet"),
  /** Myeloid maturation before the band stage (promyelocyte to metamyelocyte). */
  NEUTROPHIL_IMMATURE(10, "neutrophil_immature"),
  NEUTROPHIL_MATURE(11, "neutrophil_mature"),
  EOSINOPHIL(12, "eosinophil"),
  BASOPHIL(13, "basophil"),
  MONOCYTE(14, "monocyte"),
  T(15, "T"),
  CAR_T(16, "CAR_T"),
  NK(17, "NK"),
  PDC(18, "pDC"),
  /** Nucleated red cells: CD45-negative, part of the MRD denominator. */
  ERYTHROID(20, "erythroid"),
  MYELOID_PROGENITOR(21, "myeloid_progenitor"),
  /** CD34+ CD10+ CD19- lymphoid progenitors: the false-positive risk of the CD19-negative arm. */
  EARLY_LYMPHOID_PROGENITOR(22, "early_lymphoid_progenitor"),
  PLASMA(23, "plasma"),
  HEMATOGONE_I(30, "hg_I"),
  HEMATOGONE_II(31, "hg_II"),
  HEMATOGONE_TRANSITIONAL(32, "hg_trans"),
  MATURE_B(33, "mature_B"),
  /** Leukemic blast of a subclone that expresses CD19 (dim included). */
  BLAST_CD19POS(40, "blast_CD19pos"),
  /** Leukemic blast of a subclone that has lost CD19 (escape after CD19 CAR-T). */
  BLAST_CD19NEG(41, "blast_CD19neg");

  private static final Population[] BY_CODE = new Population[256];

  static {
    for (Population p : values()) {
      BY_CODE[p.code] = p;
    }
  }

  private final int code;
  private final String truthName;

  Population(int code, String truthName) {
    this.code = code;
    this.truthName = truthName;
  }

  /** The uint8 label code. */
  public int code() {
    return code;
  }

  /** The key in {@code population_counts} and {@code label_codes}. */
  public String truthName() {
    return truthName;
  }

  /** The population of a label code, or null when the code is not assigned. */
  public static Population ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** The population of a truth name, or null when unknown. */
  public static Population ofTruthName(String name) {
    for (Population p : values()) {
      if (p.truthName.equals(name)) {
        return p;
      }
    }
    return null;
  }

  /** Counted in the MRD denominator: every single nucleated cell (not debris, not a doublet). */
  public boolean isNucleatedSinglet() {
    return this != DEBRIS && this != DOUBLET;
  }

  public boolean isBlast() {
    return this == BLAST_CD19POS || this == BLAST_CD19NEG;
  }

  /** Normal B-cell precursors, stages I, II and transitional (domain brief 3.7). */
  public boolean isHematogone() {
    return this == HEMATOGONE_I || this == HEMATOGONE_II || this == HEMATOGONE_TRANSITIONAL;
  }

  /** Normal B lineage counted for B-cell aplasia: hematogones and mature B (not plasma cells). */
  public boolean isNormalBCell() {
    return isHematogone() || this == MATURE_B;
  }

  /** The lymphocyte denominator of B-cell aplasia: T, CAR-T, NK and normal B (no blasts, no plasma). */
  public boolean isLymphocyte() {
    return this == T || this == CAR_T || this == NK || isNormalBCell();
  }
}
