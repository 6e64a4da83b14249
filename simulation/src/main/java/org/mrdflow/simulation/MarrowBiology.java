package org.mrdflow.simulation;

import static org.mrdflow.simulation.Marker.CD10;
import static org.mrdflow.simulation.Marker.CD19;
import static org.mrdflow.simulation.Marker.CD20;
import static org.mrdflow.simulation.Marker.CD34;
import static org.mrdflow.simulation.Marker.CD38;
import static org.mrdflow.simulation.Marker.CD45;
import static org.mrdflow.simulation.Phenotype.NEG;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The cells of one marrow sample: which population a nucleated single cell belongs to (by the
 * sample's composition) and its true signals (by the population's phenotype, shifted a little per
 * sample). Antigen densities are log10 ABC; scatter is on an 18-bit canonical scale where a
 * lymphocyte has FSC ~45,000 and SSC ~11,000.
 *
 * <p>Positions follow the domain brief section 3: lymphocytes CD45 bright / SSC low, monocytes
 * bright / intermediate SSC, neutrophils moderate CD45 / high SSC, eosinophils the highest SSC,
 * erythroid CD45 negative / lowest SSC, blasts CD45 dim to negative / SSC low.
 */
final class MarrowBiology {
  /** Normal B maturation on t in [0, 1]: stage boundaries (hematogone I, II, transitional, mature). */
  static final double HG_II_START = 0.20;
  static final double HG_TRANS_START = 0.62;
  static final double MATURE_B_START = 0.80;
  /** Share of hematogones in stages I, II and transitional. */
  private static final double[] HEMATOGONE_SPLIT = {0.25, 0.55, 0.20};
  /** Neutrophil maturation on t: before this point the cell is counted immature. */
  private static final double NEUTROPHIL_MATURE_START = 0.55;
  /** Per-sample variation: mean shift (decades), SD factor (decades), scatter factor (decades). */
  private static final double JITTER_MEAN = 0.05;
  private static final double JITTER_SD = 0.03;
  private static final double JITTER_SCATTER = 0.02;

  /**
   * Normal B-cell maturation (domain brief 3.7): stage I CD34+ CD10 bright CD38 bright CD45 dim
   * CD20-; stage II loses CD34, CD10 falls, CD20 and CD45 rise; transitional/mature CD10 dim to
   * negative, CD20 bright, CD45 bright, CD38 dim.
   */
  static final Phenotype B_LINEAGE =
      Phenotype.builder()
          .path(CD34, 0.20, 0, 3.95, 0.19, 3.8, 0.26, NEG, 1, NEG)
          .path(CD10, 0.16, 0, 4.30, 0.20, 4.2, 0.45, 3.75, 0.62, 3.2, 0.80, 2.1, 1, 1.5)
          .path(CD20, 0.18, 0, NEG, 0.20, 2.2, 0.45, 3.3, 0.62, 3.95, 0.80, 4.4, 1, 4.55)
          .path(CD45, 0.12, 0, 3.85, 0.20, 3.95, 0.62, 4.30, 1, 4.55)
          .path(CD38, 0.15, 0, 4.30, 0.62, 4.2, 0.80, 3.75, 1, 3.3)
          .path(CD19, 0.13, 0, 4.0, 1, 4.15)
          .fsc(48_000, 44_000, 0.09)
          .ssc(12_000, 11_000, 0.08)
          .build();

  /** Myelocyte to segmented neutrophil: CD45 rises, SSC falls, CD10 appears late, CD38 fades. */
  static final Phenotype NEUTROPHIL =
      Phenotype.builder()
          .path(CD45, 0.10, 0, 4.05, 1, 4.40)
          .path(CD10, 0.20, 0, NEG, 0.55, 1.6, 0.75, 3.5, 1, 3.95)
          .path(CD38, 0.20, 0, 3.40, 0.5, 2.8, 1, 2.0)
          .fsc(74_000, 64_000, 0.08)
          .ssc(125_000, 88_000, 0.07)
          .autofluorescence(3)
          .build();

  /** Proerythroblast to orthochromatic: CD45 dim to negative, CD38 fading, cells shrink. */
  static final Phenotype ERYTHROID =
      Phenotype.builder()
          .path(CD45, 0.20, 0, 3.3, 0.3, 2.0, 1, NEG)
          .path(CD38, 0.20, 0, 3.6, 1, 2.8)
          .fsc(52_000, 33_000, 0.10)
          .ssc(9_000, 6_500, 0.09)
          .autofluorescence(0.7)
          .build();

  static final Phenotype T_CELL =
      Phenotype.builder().marker(CD45, 4.65, 0.10).marker(CD38, 2.9, 0.35)
          .fsc(42_000, 0.09).ssc(11_000, 0.08).build();
  /** A small CD20-dim T subset (real, and a trap for B gates). */
  static final Phenotype T_CELL_CD20_DIM =
      Phenotype.builder().marker(CD45, 4.65, 0.10).marker(CD38, 2.9, 0.35).marker(CD20, 3.2, 0.2)
          .fsc(42_000, 0.09).ssc(11_000, 0.08).build();
  static final Phenotype CAR_T_CELL =
      Phenotype.builder().marker(CD45, 4.6, 0.10).marker(CD38, 3.5, 0.30)
          .fsc(54_000, 0.11).ssc(13_500, 0.09).build();
  static final Phenotype NK_CELL =
      Phenotype.builder().marker(CD45, 4.5, 0.10).marker(CD38, 3.9, 0.20)
          .fsc(45_000, 0.09).ssc(16_000, 0.09).build();
  static final Phenotype MONOCYTE =
      Phenotype.builder().marker(CD45, 4.42, 0.10).marker(CD38, 3.6, 0.20)
          .fsc(78_000, 0.09).ssc(45_000, 0.09).autofluorescence(2).build();
  static final Phenotype PROMONOCYTE =
      Phenotype.builder().marker(CD45, 4.15, 0.12).marker(CD38, 3.8, 0.20)
          .fsc(74_000, 0.09).ssc(38_000, 0.10).autofluorescence(2).build();
  static final Phenotype EOSINOPHIL =
      Phenotype.builder().marker(CD45, 4.48, 0.10).marker(CD38, 2.8, 0.30)
          .fsc(68_000, 0.08).ssc(150_000, 0.06).autofluorescence(6).build();
  static final Phenotype BASOPHIL =
      Phenotype.builder().marker(CD45, 4.05, 0.12).marker(CD38, 3.6, 0.20)
          .fsc(50_000, 0.09).ssc(17_000, 0.09).autofluorescence(1.5).build();
  static final Phenotype PLASMACYTOID_DC =
      Phenotype.builder().marker(CD45, 4.2, 0.12).marker(CD38, 3.9, 0.20)
          .fsc(52_000, 0.09).ssc(14_000, 0.09).build();
  /** CD34+ CD38-bright CD10- myeloid progenitors: a false-positive risk for the CD19-negative arm. */
  static final Phenotype MYELOID_PROGENITOR =
      Phenotype.builder().marker(CD34, 4.1, 0.25).marker(CD38, 4.1, 0.20).marker(CD45, 3.95, 0.12)
          .fsc(60_000, 0.10).ssc(24_000, 0.11).autofluorescence(1.3).build();
  static final Phenotype MYELOID_PROGENITOR_CD38_LOW =
      Phenotype.builder().marker(CD34, 4.2, 0.25).marker(CD38, 3.0, 0.25).marker(CD45, 3.9, 0.12)
          .fsc(60_000, 0.10).ssc(22_000, 0.11).autofluorescence(1.3).build();
  static final Phenotype EARLY_LYMPHOID_PROGENITOR =
      Phenotype.builder().marker(CD34, 4.0, 0.22).marker(CD10, 3.7, 0.25).marker(CD38, 4.0, 0.20)
          .marker(CD45, 3.95, 0.12).fsc(48_000, 0.09).ssc(12_000, 0.08).build();
  static final Phenotype PLASMA_CD19POS =
      Phenotype.builder().marker(CD38, 5.0, 0.18).marker(CD45, 3.5, 0.35).marker(CD19, 3.7, 0.25)
          .fsc(76_000, 0.10).ssc(30_000, 0.10).autofluorescence(1.5).build();
  static final Phenotype PLASMA_CD19NEG =
      Phenotype.builder().marker(CD38, 5.0, 0.18).marker(CD45, 3.4, 0.35)
          .fsc(76_000, 0.10).ssc(30_000, 0.10).autofluorescence(1.5).build();

  /** Classic B-ALL blast: off the maturation path in CD10 (over), CD45 (dim/neg), CD38 (dim). */
  static Phenotype.Builder classicBlast() {
    return Phenotype.builder()
        .marker(CD19, 4.05, 0.18)
        .marker(CD10, 4.70, 0.22)
        .marker(CD34, 4.1, 0.35)
        .marker(CD20, NEG, 0.3)
        .marker(CD38, 3.2, 0.30)
        .marker(CD45, 3.45, 0.35)
        .fsc(55_000, 0.12)
        .ssc(12_500, 0.08);
  }

  static Phenotype blast(BlastPhenotype phenotype, boolean cd19Expressed) {
    Phenotype.Builder b = classicBlast();
    switch (phenotype) {
      case CD20_ASYNCHRONOUS -> b.marker(CD20, 3.6, 0.25);
      case PRO_B -> b.marker(CD10, NEG, 0.2).marker(CD34, 4.0, 0.3).marker(CD38, 3.6, 0.3)
          .marker(CD45, 3.75, 0.18);
      case CD19_DIM -> b.marker(CD19, 3.05, 0.25);
      case CD19_NEGATIVE -> b.marker(CD19, NEG, 0.15);
      case MIXED -> {
        if (!cd19Expressed) {
          b.marker(CD19, NEG, 0.15);
        }
      }
      case CD45_BRIGHT -> b.marker(CD10, 4.85, 0.28).marker(CD45, 4.55, 0.2)
          .marker(CD38, 3.45, 0.35).marker(CD34, 3.7, 0.6).marker(CD20, 3.6, 0.45);
      case CLASSIC -> {}
    }
    return b.build();
  }

  /** One way to be a nucleated single cell: its label(s), phenotype and maturation range. */
  private record Bucket(
      Population label,
      Population labelWhenMature,
      double matureFrom,
      Phenotype phenotype,
      double tFrom,
      double tTo,
      double tExponent,
      double percent) {}

  private final Bucket[] buckets;
  private final double[] cumulative;

  /**
   * @param hematogonePct percent of nucleated cells that are hematogones
   * @param blastFraction blasts / nucleated cells (0 for none)
   * @param cd19PositiveShare share of blasts in a CD19-expressing subclone
   * @param jitter random source of this sample's biological variation
   */
  MarrowBiology(
      Background bg,
      double hematogonePct,
      BlastPhenotype blastPhenotype,
      double blastFraction,
      double cd19PositiveShare,
      SplittableRandom jitter) {
    double normal = 1 - blastFraction;
    Phenotype neutrophils = NEUTROPHIL.jittered(jitter, JITTER_MEAN, JITTER_SD, JITTER_SCATTER);
    List<Bucket> list = new ArrayList<>();
    add(list, Population.ERYTHROID, ERYTHROID, 0, 1, 0.8, normal * bg.erythroid, jitter);
    add(list, Population.T, T_CELL, normal * bg.t * 0.97, jitter);
    add(list, Population.T, T_CELL_CD20_DIM, normal * bg.t * 0.03, jitter);
    add(list, Population.CAR_T, CAR_T_CELL, normal * bg.carT, jitter);
    add(list, Population.NK, NK_CELL, normal * bg.nk, jitter);
    add(list, Population.MONOCYTE, MONOCYTE, normal * bg.monocyte * 0.88, jitter);
    add(list, Population.MONOCYTE, PROMONOCYTE, normal * bg.monocyte * 0.12, jitter);
    add(list, Population.EOSINOPHIL, EOSINOPHIL, normal * bg.eosinophil, jitter);
    add(list, Population.BASOPHIL, BASOPHIL, normal * bg.basophil, jitter);
    add(list, Population.PDC, PLASMACYTOID_DC, normal * bg.pdc, jitter);
    add(list, Population.MYELOID_PROGENITOR, MYELOID_PROGENITOR, normal * bg.myeloidProgenitor * 0.88, jitter);
    add(list, Population.MYELOID_PROGENITOR, MYELOID_PROGENITOR_CD38_LOW, normal * bg.myeloidProgenitor * 0.12, jitter);
    add(list, Population.EARLY_LYMPHOID_PROGENITOR, EARLY_LYMPHOID_PROGENITOR, normal * bg.earlyLymphoidProgenitor, jitter);
    add(list, Population.PLASMA, PLASMA_CD19POS, normal * bg.plasma * bg.plasmaCd19Pos, jitter);
    add(list, Population.PLASMA, PLASMA_CD19NEG, normal * bg.plasma * (1 - bg.plasmaCd19Pos), jitter);
    // One jittered B path for all four stages, so the stages join into one continuous curve.
    Phenotype bPath = B_LINEAGE.jittered(jitter, JITTER_MEAN, JITTER_SD, JITTER_SCATTER);
    double hg = normal * hematogonePct;
    list.add(stage(Population.HEMATOGONE_I, bPath, 0, HG_II_START, hg * HEMATOGONE_SPLIT[0]));
    list.add(stage(Population.HEMATOGONE_II, bPath, HG_II_START, HG_TRANS_START, hg * HEMATOGONE_SPLIT[1]));
    list.add(stage(Population.HEMATOGONE_TRANSITIONAL, bPath, HG_TRANS_START, MATURE_B_START, hg * HEMATOGONE_SPLIT[2]));
    list.add(stage(Population.MATURE_B, bPath, MATURE_B_START, 1, normal * bg.matureB));
    if (blastFraction > 0) {
      double blastPct = 100 * blastFraction;
      add(list, Population.BLAST_CD19POS, blast(blastPhenotype, true), blastPct * cd19PositiveShare, jitter);
      add(list, Population.BLAST_CD19NEG, blast(blastPhenotype, false), blastPct * (1 - cd19PositiveShare), jitter);
    }
    double others = list.stream().mapToDouble(Bucket::percent).sum();
    if (others > 100) {
      throw new IllegalArgumentException(
          "composition exceeds 100% of nucleated cells (" + others + "%) before neutrophils");
    }
    // t ~ Beta(2, 1) (u^(1/2)): the marrow holds more mature than immature neutrophils.
    list.add(new Bucket(Population.NEUTROPHIL_IMMATURE, Population.NEUTROPHIL_MATURE,
        NEUTROPHIL_MATURE_START, neutrophils, 0, 1, 0.5, 100 - others));
    list.removeIf(b -> b.percent() <= 0);
    buckets = list.toArray(new Bucket[0]);
    cumulative = new double[buckets.length];
    double sum = 0;
    for (int i = 0; i < buckets.length; i++) {
      sum += buckets[i].percent();
      cumulative[i] = sum / 100;
    }
  }

  private static void add(List<Bucket> list, Population label, Phenotype base, double percent, SplittableRandom jitter) {
    add(list, label, base, 0, 0, 1, percent, jitter);
  }

  private static void add(List<Bucket> list, Population label, Phenotype base, double tFrom, double tTo,
      double tExponent, double percent, SplittableRandom jitter) {
    // Jitter is drawn even for empty populations so one seed gives one biology whatever the mix.
    Phenotype ph = base.jittered(jitter, JITTER_MEAN, JITTER_SD, JITTER_SCATTER);
    list.add(new Bucket(label, label, 2, ph, tFrom, tTo, tExponent, percent));
  }

  private static Bucket stage(Population label, Phenotype path, double from, double to, double percent) {
    return new Bucket(label, label, 2, path, from, to, 1, percent);
  }

  /** Draws one nucleated single cell into {@code cell} and returns its population. */
  Population drawSinglet(SplittableRandom rng, Cell cell) {
    double u = rng.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    Bucket b = buckets[lo];
    double t = b.tFrom() + (b.tTo() - b.tFrom()) * Math.pow(rng.nextDouble(), b.tExponent());
    b.phenotype().draw(t, rng, cell);
    return t >= b.matureFrom() ? b.labelWhenMature() : b.label();
  }

  /** Intended percent of nucleated cells per population (the configured composition). */
  Map<Population, Double> intendedPercent() {
    Map<Population, Double> pct = new EnumMap<>(Population.class);
    for (Bucket b : buckets) {
      if (b.label() == b.labelWhenMature()) {
        pct.merge(b.label(), b.percent(), Double::sum);
      } else {
        // t = u^e on [0, 1] falls below the split s with probability s^(1/e).
        double immature = Math.pow(b.matureFrom(), 1 / b.tExponent());
        pct.merge(b.label(), b.percent() * immature, Double::sum);
        pct.merge(b.labelWhenMature(), b.percent() * (1 - immature), Double::sum);
      }
    }
    return pct;
  }
}
