package org.mrdflow.simulation;

/**
 * The normal cells of a marrow, as percent of nucleated cells (neutrophils take the remainder),
 * from the domain brief: 8-15% CD45-negative erythroid, hematogones 5-15% in regeneration, and
 * after CD19 CAR-T B-cell aplasia (< 3% B of lymphocytes) with more T cells, CAR-T cells and
 * CD34+ progenitors.
 */
public enum Background {
  NORMAL(13, 9.0, 0, 1.6, 5.0, 2.5, 0.35, 0.2, 1.0, 0.06, 0.4, 0.70, 1.2, 2.4),
  /** Post-chemotherapy regeneration; the hematogone percentage is set per sample (5-15%). */
  REGENERATING(15, 8.0, 0.3, 1.5, 5.5, 2.0, 0.3, 0.3, 2.0, 0.12, 0.3, 0.70, 10, 3.0),
  /** Post CD19 CAR-T: B-cell aplasia, expanded T and CAR-T cells, plasma cells mostly CD19-. */
  APLASIA(12, 15.0, 3.0, 2.5, 5.0, 2.0, 0.3, 0.2, 1.3, 0.15, 0.2, 0.10, 0.04, 0.25),
  /**
   * Diagnosis or day-15 marrow: normal hematopoiesis suppressed by the leukemia, with few CD34+
   * progenitors, almost no hematogones and less erythropoiesis (mrdsim's "leukemic" preset).
   */
  LEUKEMIC(8, 16.0, 0, 2.0, 3.5, 1.5, 0.2, 0.05, 0.25, 0.005, 0.3, 0.70, 0.03, 4.0);

  final double erythroid;
  final double t;
  final double carT;
  final double nk;
  final double monocyte;
  final double eosinophil;
  final double basophil;
  final double pdc;
  final double myeloidProgenitor;
  final double earlyLymphoidProgenitor;
  final double plasma;
  /** Fraction of plasma cells that express CD19 (CAR-T spares the long-lived CD19- ones). */
  final double plasmaCd19Pos;
  final double hematogones;
  final double matureB;

  Background(
      double erythroid,
      double t,
      double carT,
      double nk,
      double monocyte,
      double eosinophil,
      double basophil,
      double pdc,
      double myeloidProgenitor,
      double earlyLymphoidProgenitor,
      double plasma,
      double plasmaCd19Pos,
      double hematogones,
      double matureB) {
    this.erythroid = erythroid;
    this.t = t;
    this.carT = carT;
    this.nk = nk;
    this.monocyte = monocyte;
    this.eosinophil = eosinophil;
    this.basophil = basophil;
    this.pdc = pdc;
    this.myeloidProgenitor = myeloidProgenitor;
    this.earlyLymphoidProgenitor = earlyLymphoidProgenitor;
    this.plasma = plasma;
    this.plasmaCd19Pos = plasmaCd19Pos;
    this.hematogones = hematogones;
    this.matureB = matureB;
  }

  /** Default percent of nucleated cells that are hematogones (stages I, II, transitional). */
  public double defaultHematogonePct() {
    return hematogones;
  }
}
