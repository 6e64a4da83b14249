package org.mrdflow.simulation;

/**
 * Everything that defines one simulated sample; with the same spec the output is byte-identical.
 *
 * @param sampleId file stem and truth {@code sample_id}
 * @param scenario truth {@code scenario} value (shared-format vocabulary, e.g. "dilution")
 * @param hematogonePct hematogones as percent of nucleated cells
 * @param blastPhenotype null when the sample has no blasts
 * @param blastFraction intended blasts / nucleated cells (realised counts are multinomial)
 * @param cd19PosFraction share of blasts in the CD19+ subclone for {@link BlastPhenotype#MIXED}
 * @param events total events in the file (debris and doublets included)
 * @param replicate replicate number within a series, or null
 * @param partialClog whether the flow partly clogs mid-run ({@link FlowDisturbance})
 * @param seed the sample's own seed (all randomness derives from it)
 */
public record SampleSpec(
    String sampleId,
    String scenario,
    Background background,
    double hematogonePct,
    BlastPhenotype blastPhenotype,
    double blastFraction,
    double cd19PosFraction,
    int events,
    Instrument instrument,
    Integer replicate,
    boolean partialClog,
    long seed) {

  /** Fewer events would not make a marrow acquisition (and could leave no nucleated cell). */
  public static final int MIN_EVENTS = 1_000;
  /** 40 million events x up to 11 float channels stays under the reader's 2 GiB file limit. */
  public static final int MAX_EVENTS = 40_000_000;

  public SampleSpec {
    if (events < MIN_EVENTS || events > MAX_EVENTS) {
      throw new IllegalArgumentException(
          sampleId + ": events must be between " + MIN_EVENTS + " and " + MAX_EVENTS + ", got " + events);
    }
    if (blastFraction < 0 || blastFraction >= 1) {
      throw new IllegalArgumentException(sampleId + ": blast fraction " + blastFraction + " not in [0, 1)");
    }
    if (blastFraction > 0 && blastPhenotype == null) {
      throw new IllegalArgumentException(sampleId + ": blasts need a phenotype");
    }
    if (cd19PosFraction < 0 || cd19PosFraction > 1) {
      throw new IllegalArgumentException(sampleId + ": CD19+ fraction " + cd19PosFraction + " not in [0, 1]");
    }
    if (hematogonePct < 0 || hematogonePct > 50) {
      throw new IllegalArgumentException(sampleId + ": hematogone percent " + hematogonePct + " not in [0, 50]");
    }
  }

  /** The share of blasts that express CD19 (the CD19-dim subclone counts as expressing it). */
  public double cd19PositiveShare() {
    if (blastPhenotype == null) {
      return 1;
    }
    return switch (blastPhenotype) {
      case CD19_NEGATIVE -> 0;
      case MIXED -> cd19PosFraction;
      case CLASSIC, CD20_ASYNCHRONOUS, PRO_B, CD19_DIM, CD45_BRIGHT -> 1;
    };
  }

  /** The truth {@code archetype}: the blast phenotype's code, null without blasts. */
  public String archetype() {
    return blastFraction > 0 ? blastPhenotype.archetype() : null;
  }
}
